/**
 * Generation: HF's decode loop ({@link io.vlm4j.runtime.generation.Generation}) over a model's KV cache, its logits
 * processors in HF's order (repetition penalty, temperature, top-k, top-p), the {@link
 * io.vlm4j.runtime.generation.Sampler}, stop criteria and streamed detokenization.
 */
package io.vlm4j.runtime.generation;
