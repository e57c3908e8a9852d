/**
 * What HF's {@code llava_next/} gives the anyres families (LLaVA-NeXT-Video subclasses it, LLaVA-OneVision copies
 * it): {@link io.vlm4j.models.llavanext.AnyresFeatures}, the tiling geometry and {@code unpad_image} on the feature
 * grid; {@link io.vlm4j.models.llavanext.AnyresModel}, the tower, projector, {@code image_newline} and
 * {@code get_image_features} both models share; {@link io.vlm4j.models.llavanext.AnyresProcessor}, the pixels and
 * placeholder counts both processors share. The models are written against the tensor SPI only.
 */
package io.vlm4j.models.llavanext;
