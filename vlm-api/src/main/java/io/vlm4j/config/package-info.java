/**
 * Configs: {@link io.vlm4j.config.ConfigNode}, the path-aware JSON view every config is parsed through, and the
 * config records per {@code model_type}, with HF transformers 4.46's defaults for absent keys: the language
 * models ({@link io.vlm4j.config.LlamaConfig}, {@link io.vlm4j.config.Qwen2Config}, seen by decoders as
 * {@link io.vlm4j.config.TextConfig}), the vision towers ({@link io.vlm4j.config.ClipVisionConfig},
 * {@link io.vlm4j.config.SiglipVisionConfig}, as {@link io.vlm4j.config.VisionConfig}) and the four LLaVA
 * families ({@link io.vlm4j.config.MultimodalConfig}); {@link io.vlm4j.config.ModelConfigs} dispatches on
 * {@code model_type}. Every bad value is a {@link io.vlm4j.ConfigException} naming its file and JSON path; unknown
 * keys stay in each record's {@code json()}.
 */
package io.vlm4j.config;
