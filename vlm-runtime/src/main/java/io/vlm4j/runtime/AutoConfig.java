package io.vlm4j.runtime;

import io.vlm4j.ErrorCode;
import io.vlm4j.UnsupportedModelException;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.config.ModelConfigs;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.spi.ModelFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads a checkpoint folder's configs, as HF's {@code AutoConfig.from_pretrained} and
 * {@code GenerationConfig.from_pretrained} do.
 *
 * <p>{@code config.json} is parsed by the family registered for its {@code model_type}
 * ({@link ModelFamily#parseConfig}), else by the built-in records ({@link ModelConfigs#parse}); any other type is
 * an {@link UnsupportedModelException} naming it and the types that are served. A missing folder or file is a
 * {@link VlmException} with {@link ErrorCode#NOT_FOUND} naming the path.
 *
 * <p>Stateless and thread-safe.
 */
public final class AutoConfig {
    /** The model config file of a checkpoint. */
    public static final String CONFIG_FILE = "config.json";
    /** The generation config file of a checkpoint, which it may lack. */
    public static final String GENERATION_CONFIG_FILE = "generation_config.json";

    private AutoConfig() {}

    /** Reads {@code dir/config.json} with the {@link Registries#defaults() default registries}. */
    public static ModelConfig fromPretrained(Path dir) {
        return fromPretrained(dir, Registries.defaults());
    }

    /**
     * Reads {@code dir/config.json}, parsed by the family {@code registries} serve for its {@code model_type}, else
     * by the built-in records.
     *
     * @throws VlmException ({@link ErrorCode#NOT_FOUND}) if the folder or its config.json is missing
     * @throws io.vlm4j.ConfigException naming the file and JSON path of a bad value
     * @throws UnsupportedModelException if no family and no built-in record serves the {@code model_type}
     */
    public static ModelConfig fromPretrained(Path dir, Registries registries) {
        ConfigNode root = ConfigNode.read(requireFile(dir, CONFIG_FILE));
        if (!root.isObject()) {
            throw root.error("a JSON object");
        }
        String modelType = ModelConfigs.modelType(root);
        Optional<ModelFamily> family = registries.families().find(modelType);
        if (family.isPresent()) {
            return family.get().parseConfig(root);
        }
        if (ModelConfigs.MODEL_TYPES.contains(modelType)) {
            return ModelConfigs.parse(root);
        }
        TreeSet<String> served = new TreeSet<>(registries.families().ids());
        served.addAll(ModelConfigs.MODEL_TYPES);
        throw new UnsupportedModelException(root.get("model_type").location() + ": no family serves model_type '"
                + modelType + "' (served: " + String.join(", ", served) + ")");
    }

    /** The generation config of a checkpoint, its model config read with the default registries. */
    public static GenerationConfig generationConfig(Path dir) {
        return generationConfig(dir, fromPretrained(dir));
    }

    /**
     * The generation config of a checkpoint whose model config is {@code modelConfig}: its
     * {@code generation_config.json} if present ({@link GenerationConfig#fromJson}), else the one HF derives from
     * the model config ({@link GenerationConfig#fromModelConfig}).
     *
     * @throws VlmException ({@link ErrorCode#NOT_FOUND}) if the folder is missing
     * @throws io.vlm4j.ConfigException naming the file and JSON path of a bad value
     */
    public static GenerationConfig generationConfig(Path dir, ModelConfig modelConfig) {
        requireFolder(dir);
        Path file = dir.resolve(GENERATION_CONFIG_FILE);
        if (Files.isRegularFile(file)) {
            return GenerationConfig.fromJson(ConfigNode.read(file), modelConfig);
        }
        return GenerationConfig.fromModelConfig(modelConfig);
    }

    /** {@code dir/name}, which must exist. @throws VlmException ({@link ErrorCode#NOT_FOUND}) naming what is missing */
    static Path requireFile(Path dir, String name) {
        requireFolder(dir);
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new VlmException(ErrorCode.NOT_FOUND, dir + ": no " + name + " in this checkpoint folder");
        }
        return file;
    }

    private static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new VlmException(ErrorCode.NOT_FOUND, dir + ": " + (Files.exists(dir)
                    ? "not a folder (expected a checkpoint folder holding " + CONFIG_FILE + ")"
                    : "no such checkpoint folder"));
        }
    }
}
