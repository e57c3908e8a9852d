/**
 * The {@code video_llava} family (HF's {@code video_llava/} folder), built from the llava building blocks:
 * {@link io.vlm4j.models.videollava.VideoLlavaProcessor}, the model {@link
 * io.vlm4j.models.videollava.VideoLlavaForConditionalGeneration} (separate image and video CLIP towers) and the
 * provider {@link io.vlm4j.models.videollava.VideoLlavaFamily}.
 */
package io.vlm4j.models.videollava;
