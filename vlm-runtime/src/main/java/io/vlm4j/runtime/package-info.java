/**
 * The runtime: {@link io.vlm4j.runtime.Registry registries} of the SPIs' providers, discovered with
 * {@link java.util.ServiceLoader}; the {@code Auto*} entry points that resolve a checkpoint folder into a config,
 * processor and model; generation; the pipeline ({@link io.vlm4j.runtime.VlmPipeline}) and multi-turn chats over
 * it that compute each medium's vision features once ({@link io.vlm4j.runtime.ChatSession}); the base of model
 * wrappers ({@link io.vlm4j.runtime.ForwardingVisionLanguageModel}); the hub client and cache.
 */
package io.vlm4j.runtime;
