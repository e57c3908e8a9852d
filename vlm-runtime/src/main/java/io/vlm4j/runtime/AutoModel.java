package io.vlm4j.runtime;

import io.vlm4j.UnsupportedModelException;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.tensor.Backend;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a checkpoint's model, as HF's {@code AutoModelForVision2Seq.from_pretrained} does: the family registered
 * for {@code config.json}'s {@code model_type} builds it ({@link ModelFamily#createModel}) from the memory-mapped
 * safetensors, on the backend {@link Options} pick (by name, or the available one of the highest priority).
 *
 * <p>Stateless and thread-safe.
 */
public final class AutoModel {
    private AutoModel() {}

    /** {@link #fromPretrained(Path, Options, Registries)} with the {@link Registries#defaults() default registries}. */
    public static VisionLanguageModel fromPretrained(Path dir, Options options) {
        return fromPretrained(dir, options, Registries.defaults());
    }

    /**
     * The model of {@code dir} on a new backend that the model owns: closing the model frees its weights, then the
     * backend.
     *
     * @throws io.vlm4j.BackendUnavailableException naming the backend and why if it cannot be used
     * @throws UnsupportedModelException naming the {@code model_type} if no registered family builds its model
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     * @throws io.vlm4j.ConfigException naming the file and JSON path of a bad value
     * @throws io.vlm4j.VlmException ({@link io.vlm4j.ErrorCode#NOT_FOUND}) if the folder or its config.json is
     *     missing
     */
    public static VisionLanguageModel fromPretrained(Path dir, Options options, Registries registries) {
        Objects.requireNonNull(options, "options");
        ModelConfig config = AutoConfig.fromPretrained(dir, registries);
        ModelFamily family = family(config, registries);
        Backend backend = Backends.create(options, registries);
        try {
            return new BackendOwningModel(load(dir, config, family, backend), backend);
        } catch (RuntimeException | Error e) {
            backend.close();
            throw e;
        }
    }

    /**
     * The model of {@code dir} on a backend the caller owns (and keeps open while the model is used): several
     * models may share one backend. The model is the family's own class ({@code LlavaOnevisionForConditionalGeneration}
     * …); closing it frees its weights only.
     *
     * @throws UnsupportedModelException naming the {@code model_type} if no registered family builds its model
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     * @throws io.vlm4j.ConfigException naming the file and JSON path of a bad value
     */
    public static VisionLanguageModel fromPretrained(Path dir, Backend backend, Registries registries) {
        Objects.requireNonNull(backend, "backend");
        ModelConfig config = AutoConfig.fromPretrained(dir, registries);
        return load(dir, config, family(config, registries), backend);
    }

    private static ModelFamily family(ModelConfig config, Registries registries) {
        return registries.families().find(config.modelType()).orElseThrow(() -> new UnsupportedModelException(
                config.json().get("model_type").location() + ": no registered family builds a model for model_type '"
                        + config.modelType() + "' (registered: " + (registries.families().ids().isEmpty() ? "none"
                                : String.join(", ", registries.families().ids())) + ")"));
    }

    private static VisionLanguageModel load(Path dir, ModelConfig config, ModelFamily family, Backend backend) {
        try (SafeTensors weights = SafeTensors.open(dir)) {
            return family.createModel(new CheckpointModelContext(dir, config, weights, backend));
        }
    }
}
