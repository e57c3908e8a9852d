package io.vlm4j.config;

import java.util.List;
import java.util.OptionalInt;

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

    /**
     * {@code bos_token_id}; empty when absent or {@code null}. This default reads {@link #json()} with
     * {@code PretrainedConfig}'s default (none); configs whose HF class has another default override it.
     */
    default OptionalInt bosTokenId() {
        return ConfigValues.tokenId(json(), "bos_token_id");
    }

    /**
     * {@code eos_token_id}, one id or several (HF accepts an int or a list); empty when absent or {@code null}.
     * Defaults as {@link #bosTokenId()} does.
     */
    default List<Integer> eosTokenId() {
        return ConfigValues.tokenIds(json(), "eos_token_id");
    }

    /** {@code pad_token_id}; empty when absent or {@code null}. Defaults as {@link #bosTokenId()} does. */
    default OptionalInt padTokenId() {
        return ConfigValues.tokenId(json(), "pad_token_id");
    }
}
