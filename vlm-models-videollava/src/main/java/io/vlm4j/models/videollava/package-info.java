/**
 * The {@code video_llava} family (HF's {@code video_llava/} folder), built from the llava building blocks:
 * {@link io.vlm4j.models.videollava.VideoLlavaProcessor} and the provider {@link
 * io.vlm4j.models.videollava.VideoLlavaFamily}.
 */
package io.vlm4j.models.videollava;
