/**
 * The {@code llava_next_video} family (HF's {@code llava_next_video/} folder): {@link
 * io.vlm4j.models.llavanextvideo.LlavaNextVideoProcessor}, the model {@link
 * io.vlm4j.models.llavanextvideo.LlavaNextVideoForConditionalGeneration} with its {@link
 * io.vlm4j.models.llavanextvideo.LlavaNextVideoPooler}, and the provider {@link
 * io.vlm4j.models.llavanextvideo.LlavaNextVideoFamily}.
 */
package io.vlm4j.models.llavanextvideo;
