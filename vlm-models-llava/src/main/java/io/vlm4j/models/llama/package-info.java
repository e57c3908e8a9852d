/**
 * Llama (HF's {@code models/llama}): the decoder of LLaVA-NeXT-Video and Video-LLaVA, and the blocks Qwen2
 * copies from it ({@link io.vlm4j.models.llama.LlamaRMSNorm}, {@link io.vlm4j.models.llama.LlamaRotaryEmbedding},
 * {@link io.vlm4j.models.llama.LlamaMLP}), written against the tensor SPI.
 */
package io.vlm4j.models.llama;
