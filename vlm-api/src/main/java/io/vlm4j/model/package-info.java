/**
 * What a family's model is made of and what it shows the generation loop: {@link io.vlm4j.model.CausalLanguageModel}
 * (a decoder with its LM head over {@code inputs_embeds}, HF's {@code *ForCausalLM}), its
 * {@link io.vlm4j.model.KvCache}, {@link io.vlm4j.model.VisionLanguageModel} (a family's vision tower and projector in
 * front of one, HF's {@code *ForConditionalGeneration}), and the building blocks every architecture shares: {@link io.vlm4j.model.Weights}
 * (HF parameter names to backend tensors), {@link io.vlm4j.model.Linear} ({@code nn.Linear}) and
 * {@link io.vlm4j.model.Activation} (HF's {@code ACT2FN}). Written against the tensor SPI only.
 */
package io.vlm4j.model;
