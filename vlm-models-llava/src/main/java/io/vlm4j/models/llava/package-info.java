/**
 * The LLaVA building blocks written once against the tensor SPI (CLIP and SigLIP vision towers, Llama and
 * Qwen2 decoders, the projector, anyres packing) and the families {@code llava}, {@code llava_onevision} and
 * {@code llava_next_video}, each in the subpackage named for its HF folder.
 */
package io.vlm4j.models.llava;
