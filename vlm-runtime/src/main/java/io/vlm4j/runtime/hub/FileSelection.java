package io.vlm4j.runtime.hub;

import io.vlm4j.CheckpointFormatException;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which files of a repository a snapshot fetches: the files a backend needs, plus the user's patterns.
 *
 * <p>Always the config, generation, tokenizer and processor files that the repository has
 * ({@link #METADATA_FILES}); then the weights:
 * <ul>
 *   <li>{@link Weights#SAFETENSORS}: {@code model.safetensors}, else {@code model.safetensors.index.json} and
 *       every shard its {@code weight_map} names (the order transformers looks for them in);
 *   <li>{@link Weights#ONNX}: the full-precision graphs under {@code onnx/} ({@code *.onnx} and their
 *       {@code *.onnx_data*} external data; the {@code _fp16}, {@code _quantized}, {@code _int8},
 *       {@code _uint8}, {@code _q4}, {@code _q4f16}, {@code _bnb4} variants only through a pattern); a
 *       repository without {@code onnx/} gives its safetensors, which the ONNX backend traces itself.
 * </ul>
 * and the files that match an {@linkplain #include include pattern} ({@code fnmatch}, as
 * {@code huggingface-cli download --include}). A repository without {@code config.json} or without the weights
 * is a {@link CheckpointFormatException}. Immutable.
 */
public final class FileSelection {
    /** The files fetched whenever the repository has them. */
    public static final List<String> METADATA_FILES = List.of(
            "config.json",
            "generation_config.json",
            "tokenizer.json",
            "tokenizer_config.json",
            "vocab.json",
            "merges.txt",
            "tokenizer.model",
            "special_tokens_map.json",
            "added_tokens.json",
            "preprocessor_config.json",
            "video_preprocessor_config.json",
            "processor_config.json",
            "chat_template.json",
            "chat_template.jinja");

    static final String CONFIG = "config.json";
    static final String SAFETENSORS = "model.safetensors";
    static final String SAFETENSORS_INDEX = "model.safetensors.index.json";
    private static final String ONNX_FOLDER = "onnx/";
    private static final Pattern ONNX_FILE = Pattern.compile("onnx/.+\\.onnx(_data(_\\d+)?)?");
    private static final Pattern ONNX_VARIANT =
            Pattern.compile(".+_(fp16|quantized|int8|uint8|q4|q4f16|bnb4)\\.onnx(_data(_\\d+)?)?");

    /** The kind of weights a backend reads. */
    public enum Weights {
        /** HF safetensors: single file or sharded with an index. */
        SAFETENSORS,
        /** ONNX graphs under {@code onnx/}, falling back to safetensors where a repository has none. */
        ONNX
    }

    private final Weights weights;
    private final List<Glob> includes;

    private FileSelection(Weights weights, List<Glob> includes) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.includes = List.copyOf(includes);
    }

    /** The metadata files and the safetensors weights. */
    public static FileSelection safetensors() {
        return new FileSelection(Weights.SAFETENSORS, List.of());
    }

    /** The metadata files and the ONNX graphs. */
    public static FileSelection onnx() {
        return new FileSelection(Weights.ONNX, List.of());
    }

    /**
     * The selection a backend reads: {@link #onnx()} for the backend id {@code onnx}, {@link #safetensors()} for
     * every other (djl, and backends that trace the architecture code over safetensors weights).
     */
    public static FileSelection forBackend(String backendId) {
        return "onnx".equals(backendId) ? onnx() : safetensors();
    }

    /**
     * This selection plus the files matching {@code patterns}.
     *
     * @throws io.vlm4j.VlmException {@link io.vlm4j.ErrorCode#INVALID_ARGUMENT} for an empty pattern
     */
    public FileSelection include(Collection<String> patterns) {
        List<Glob> all = new ArrayList<>(includes);
        for (String p : patterns) {
            all.add(Glob.of(p));
        }
        return new FileSelection(weights, all);
    }

    /** The kind of weights selected. */
    public Weights weights() {
        return weights;
    }

    /** The include patterns, as given. */
    public List<String> includes() {
        return includes.stream().map(Glob::toString).collect(Collectors.toUnmodifiableList());
    }

    /**
     * The files of a repository listing to fetch first: metadata, weights (the index rather than its shards) and
     * pattern matches, in a stable order.
     *
     * @param where the repository and revision, for messages
     * @throws CheckpointFormatException if the repository lacks config.json or the weights
     */
    List<String> select(Collection<String> repoFiles, String where) {
        Set<String> files = new TreeSet<>(repoFiles);
        if (!files.contains(CONFIG)) {
            throw new CheckpointFormatException(where + " has no " + CONFIG + ": not a transformers model"
                    + " repository (files: " + shown(files) + ")");
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : METADATA_FILES) {
            if (files.contains(name)) {
                chosen.add(name);
            }
        }
        List<String> onnx = files.stream().filter(FileSelection::isFullPrecisionOnnx).collect(Collectors.toList());
        if (weights == Weights.ONNX && !onnx.isEmpty()) {
            chosen.addAll(onnx);
        } else if (files.contains(SAFETENSORS)) {
            chosen.add(SAFETENSORS);
        } else if (files.contains(SAFETENSORS_INDEX)) {
            chosen.add(SAFETENSORS_INDEX);
        } else {
            throw new CheckpointFormatException(where + " has no safetensors weights (" + SAFETENSORS + " or "
                    + SAFETENSORS_INDEX + (weights == Weights.ONNX ? ", nor ONNX graphs under onnx/" : "")
                    + "); vlm4j reads safetensors only (files: " + shown(files) + ")");
        }
        for (String name : files) {
            if (includes.stream().anyMatch(g -> g.matches(name))) {
                chosen.add(name);
            }
        }
        return List.copyOf(chosen);
    }

    /**
     * The shards a fetched index names, if the selection fetched one; each must be in the repository.
     *
     * @param snapshot the folder the index lies in
     * @throws CheckpointFormatException if the index is malformed or names a shard the repository lacks
     */
    static List<String> shards(Path snapshot, List<String> selected, Collection<String> repoFiles, String where) {
        if (!selected.contains(SAFETENSORS_INDEX)) {
            return List.of();
        }
        Set<String> shards = readIndex(snapshot.resolve(SAFETENSORS_INDEX));
        for (String shard : shards) {
            if (!repoFiles.contains(shard)) {
                throw new CheckpointFormatException(where + " " + SAFETENSORS_INDEX + ": names the shard '"
                        + shard + "', which the repository does not have");
            }
        }
        return List.copyOf(shards);
    }

    /**
     * What a cached snapshot lacks of this selection (pattern matches aside: without a listing nobody knows
     * what they match): config.json and complete weights. Empty when it is complete.
     */
    List<String> missingIn(Path snapshot) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(snapshot.resolve(CONFIG))) {
            missing.add(CONFIG);
        }
        if (weights == Weights.ONNX && hasOnnx(snapshot)) {
            return missing;
        }
        if (Files.isRegularFile(snapshot.resolve(SAFETENSORS))) {
            return missing;
        }
        Path index = snapshot.resolve(SAFETENSORS_INDEX);
        if (!Files.isRegularFile(index)) {
            missing.add(SAFETENSORS + (weights == Weights.ONNX ? " (or ONNX graphs under onnx/, or " : " (or ")
                    + SAFETENSORS_INDEX + " and its shards)");
            return missing;
        }
        for (String shard : readIndex(index)) {
            if (!Files.isRegularFile(snapshot.resolve(shard))) {
                missing.add(shard);
            }
        }
        return missing;
    }

    private static boolean isFullPrecisionOnnx(String name) {
        return ONNX_FILE.matcher(name).matches() && !ONNX_VARIANT.matcher(name).matches();
    }

    private static boolean hasOnnx(Path snapshot) {
        Path folder = snapshot.resolve(ONNX_FOLDER);
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> isFullPrecisionOnnx(ONNX_FOLDER + p.getFileName()) && Files.isRegularFile(p));
        } catch (IOException e) {
            throw new VlmException(ErrorCode.NOT_FOUND, "cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> readIndex(Path index) {
        ConfigNode map = ConfigNode.read(index).get("weight_map");
        if (!map.isObject()) {
            throw map.error("an object from tensor names to shard files");
        }
        Set<String> shards = new TreeSet<>();
        for (String tensor : map.keys()) {
            ConfigNode shard = map.get(tensor);
            if (!shard.isString() || !isSafeRelative(shard.asString())) {
                throw shard.error("a shard file name inside the repository");
            }
            shards.add(shard.asString());
        }
        return shards;
    }

    private static boolean isSafeRelative(String name) {
        return !name.isEmpty() && !name.startsWith("/") && !name.contains("\\")
                && Stream.of(name.split("/", -1)).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."));
    }

    private static String shown(Set<String> files) {
        final int max = 20;
        String head = files.stream().limit(max).collect(Collectors.joining(", "));
        return files.size() > max ? head + ", … " + (files.size() - max) + " more" : head;
    }

    @Override
    public String toString() {
        return "FileSelection[" + weights + (includes.isEmpty() ? "" : ", include " + includes()) + "]";
    }
}
