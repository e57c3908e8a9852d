/**
 * The LLaVA building blocks written once against the tensor SPI and the families {@code llava},
 * {@code llava_onevision} and {@code llava_next_video}, each in the package named for its HF folder: this one is
 * HF's {@code llava/} ({@link io.vlm4j.models.llava.LlavaProcessor}, the model
 * {@link io.vlm4j.models.llava.LlavaForConditionalGeneration} and the provider {@link io.vlm4j.models.llava.LlavaFamily}),
 * with what every family's provider shares ({@link io.vlm4j.models.llava.MultimodalFamily}) and what every
 * family's model shares: {@link io.vlm4j.models.llava.MultimodalModel} (the language model and the
 * merge of media features into its embeddings), {@link io.vlm4j.models.llava.LlavaMultiModalProjector} and
 * {@link io.vlm4j.models.llava.VisionTowers} ({@code AutoModel.from_config(vision_config)}). The vision towers are in
 * {@code io.vlm4j.models.clip} and {@code .siglip}, the decoders in {@code .llama} and {@code .qwen2}, anyres
 * unpadding in {@code .llavanext}; {@code llavaonevision} and {@code llavanextvideo} hold the other families. What
 * the family processors share is in {@code io.vlm4j.models.processing}.
 */
package io.vlm4j.models.llava;
