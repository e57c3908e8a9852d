/**
 * What HF's {@code llava_next/} modeling file gives the anyres families (LLaVA-NeXT-Video and LLaVA-OneVision copy
 * it): {@link io.vlm4j.models.llavanext.AnyresFeatures}, the tiling geometry and {@code unpad_image} on the feature
 * grid. Written against the tensor SPI only.
 */
package io.vlm4j.models.llavanext;
