/**
 * Generation settings: {@link io.vlm4j.generation.GenerationConfig}, what the decode loop reads (length, greedy
 * or sampling, temperature, top-k, top-p, repetition penalty, stop tokens and strings, seed), with HF 4.46's
 * defaults and its resolution from {@code generation_config.json} and {@code config.json}; and what a generation
 * returns: {@link io.vlm4j.generation.GenerationResult} (tokens, text, {@link io.vlm4j.generation.FinishReason},
 * {@link io.vlm4j.generation.GenerationTimings}).
 */
package io.vlm4j.generation;
