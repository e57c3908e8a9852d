/**
 * The {@code llava_next_video} family (HF's {@code llava_next_video/} folder): {@link
 * io.vlm4j.models.llavanextvideo.LlavaNextVideoProcessor} and the provider {@link
 * io.vlm4j.models.llavanextvideo.LlavaNextVideoFamily}.
 */
package io.vlm4j.models.llavanextvideo;
