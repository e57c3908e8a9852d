/**
 * Qwen2 (HF's {@code models/qwen2}): the decoder of LLaVA-Interleave and LLaVA-OneVision, written as the Llama
 * blocks it shares with HF's Llama file plus its own differences (q/k/v biases, sliding-window mask).
 */
package io.vlm4j.models.qwen2;
