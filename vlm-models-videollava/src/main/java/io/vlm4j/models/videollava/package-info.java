/**
 * The family {@code video_llava} (Video-LLaVA): separate image and video CLIP towers over the LLaVA building
 * blocks.
 */
package io.vlm4j.models.videollava;
