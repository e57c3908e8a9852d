/**
 * Writers of random-weight HF checkpoints at chosen sizes — config.json and sharded safetensors under HF's
 * parameter names — for benchmarks and tests that need real dimensions but no downloads:
 * {@link io.vlm4j.testkit.checkpoint.CheckpointWriter} writes any list of
 * {@link io.vlm4j.testkit.checkpoint.Parameter}s; {@link io.vlm4j.testkit.checkpoint.DecoderSpec} lists a Llama or
 * Qwen2 decoder's, {@link io.vlm4j.testkit.checkpoint.VisionSpec} a CLIP or SigLIP tower's, and
 * {@link io.vlm4j.testkit.checkpoint.VlmSpec} a whole vision-language checkpoint's (decoder under
 * {@code language_model.}, towers, projector, newline, pooler), which {@code CheckpointWriter.writeVlm} writes with
 * its composite config.json, processor configs, tokenizer files and chat template.
 */
package io.vlm4j.testkit.checkpoint;
