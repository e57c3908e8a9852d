/**
 * Configs: {@link io.vlm4j.config.ConfigNode}, the path-aware JSON view every config is parsed through, and the
 * config records per {@code model_type}, with HF transformers 4.46's defaults for absent keys.
 */
package io.vlm4j.config;
