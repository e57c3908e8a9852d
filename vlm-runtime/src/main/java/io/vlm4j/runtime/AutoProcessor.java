package io.vlm4j.runtime;

import io.vlm4j.UnsupportedModelException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.config.ModelConfigs;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ModelFamily;
import java.nio.file.Path;

/**
 * Builds a checkpoint's processor, as HF's {@code AutoProcessor.from_pretrained} does: the family registered for
 * {@code config.json}'s {@code model_type} creates it ({@link ModelFamily#createProcessor}) from a context whose
 * factories are the registries' (tokenizers, chat-template engines, image and video processors, media decoders).
 *
 * <p>Media in chat messages (paths, URLs, bytes) are decoded by the media decoder of the highest priority;
 * videos get {@link io.vlm4j.processing.ChatOptions#DEFAULT_NUM_FRAMES} uniform frames unless the options or the
 * item say otherwise.
 *
 * <p>Stateless and thread-safe.
 */
public final class AutoProcessor {
    private AutoProcessor() {}

    /** The processor of {@code dir}, with the {@link Registries#defaults() default registries}. */
    public static Processor fromPretrained(Path dir) {
        return fromPretrained(dir, Registries.defaults());
    }

    /**
     * The processor of {@code dir}, built by the family {@code registries} serve for its {@code model_type}.
     *
     * @throws io.vlm4j.VlmException ({@link io.vlm4j.ErrorCode#NOT_FOUND}) if the folder or its config.json is
     *     missing
     * @throws UnsupportedModelException naming the {@code model_type} and the registered ones if no family serves
     *     it
     * @throws io.vlm4j.ConfigException naming the file and JSON path of a bad value
     */
    public static Processor fromPretrained(Path dir, Registries registries) {
        ConfigNode root = ConfigNode.read(AutoConfig.requireFile(dir, AutoConfig.CONFIG_FILE));
        if (!root.isObject()) {
            throw root.error("a JSON object");
        }
        String modelType = ModelConfigs.modelType(root);
        ModelFamily family = registries.families().find(modelType).orElseThrow(() -> new UnsupportedModelException(
                root.get("model_type").location() + ": no registered family builds a processor for model_type '"
                        + modelType + "' (registered: " + (registries.families().ids().isEmpty() ? "none"
                                : String.join(", ", registries.families().ids())) + ")"));
        ModelConfig config = family.parseConfig(root);
        return family.createProcessor(new CheckpointProcessorContext(dir, config, registries));
    }
}
