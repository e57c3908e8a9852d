/**
 * Writers of random-weight HF checkpoints at chosen sizes — config.json and sharded safetensors under HF's
 * parameter names — for benchmarks and tests that need real dimensions but no downloads:
 * {@link io.vlm4j.testkit.checkpoint.CheckpointWriter} writes any list of
 * {@link io.vlm4j.testkit.checkpoint.Parameter}s; {@link io.vlm4j.testkit.checkpoint.DecoderSpec} lists a Llama or
 * Qwen2 decoder's. A whole vision-language checkpoint is a decoder's parameters under {@code language_model.} plus
 * the vision tower's and projector's, with the composite config.
 */
package io.vlm4j.testkit.checkpoint;
