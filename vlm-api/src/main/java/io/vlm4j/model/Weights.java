package io.vlm4j.model;

import io.vlm4j.CheckpointFormatException;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * A checkpoint's tensors by HF parameter name, uploaded into a scope: each tensor is read from the memory-mapped
 * safetensors, upcast to float32 once (in Java, while it is copied into the backend) and owned by that scope.
 *
 * <p>A view under a name prefix ({@link #under}) lets a block load its parameters by their short names, as HF's
 * modules are nested: {@code weights.under("language_model.model.layers.3").get("self_attn.q_proj.weight")}.
 *
 * <p>Immutable; thread-safe as its scope is.
 */
public final class Weights {
    private final SafeTensors file;
    private final Scope scope;
    private final String prefix;

    private Weights(SafeTensors file, Scope scope, String prefix) {
        this.file = file;
        this.scope = scope;
        this.prefix = prefix;
    }

    /** All tensors of {@code file}, uploaded into {@code scope} when asked. */
    public static Weights of(SafeTensors file, Scope scope) {
        return new Weights(Objects.requireNonNull(file, "file"), Objects.requireNonNull(scope, "scope"), "");
    }

    /** The tensors whose names start with {@code prefix + "."}, by the rest of their names. */
    public Weights under(String prefix) {
        return new Weights(file, scope, name(prefix) + ".");
    }

    /** The scope tensors are uploaded into. */
    public Scope scope() {
        return scope;
    }

    /** The full name of a parameter. */
    public String name(String shortName) {
        return prefix + shortName;
    }

    /** True if the checkpoint holds that parameter. */
    public boolean contains(String shortName) {
        return file.contains(name(shortName));
    }

    /**
     * Uploads a parameter, checking its shape.
     *
     * @throws CheckpointFormatException naming the file, the parameter and both shapes if they differ, or if it is
     *     missing
     */
    public Tensor get(String shortName, int... expectedShape) {
        String full = name(shortName);
        if (!file.contains(full)) {
            throw new CheckpointFormatException("checkpoint has no tensor '" + full + "' (expected "
                    + Arrays.toString(expectedShape) + ")");
        }
        return scope.upload(file.get(full, expectedShape));
    }
}
