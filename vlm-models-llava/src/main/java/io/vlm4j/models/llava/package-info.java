/**
 * The LLaVA building blocks written once against the tensor SPI (CLIP and SigLIP vision towers, Llama and
 * Qwen2 decoders, the projector, anyres packing) and the families {@code llava}, {@code llava_onevision} and
 * {@code llava_next_video}, each in the package named for its HF folder: this one is HF's {@code llava/}
 * ({@link io.vlm4j.models.llava.LlavaProcessor} and the provider {@link io.vlm4j.models.llava.LlavaFamily}),
 * {@code llavaonevision} and {@code llavanextvideo} the others. What the family processors share is in
 * {@code io.vlm4j.models.processing}.
 */
package io.vlm4j.models.llava;
