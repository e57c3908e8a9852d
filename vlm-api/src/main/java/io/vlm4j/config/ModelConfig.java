package io.vlm4j.config;

/**
 * The parsed {@code config.json} of a checkpoint (or one of its sub-configs), with HF 4.46's defaults applied.
 *
 * <p>Implementations are immutable records; unknown keys are kept in {@link #json()}, never fatal.
 */
public interface ModelConfig {
    /** HF's {@code model_type} ({@code llava_onevision}, {@code qwen2}, {@code siglip_vision_model}, …). */
    String modelType();

    /** The JSON this config was parsed from, unknown keys included. */
    ConfigNode json();
}
