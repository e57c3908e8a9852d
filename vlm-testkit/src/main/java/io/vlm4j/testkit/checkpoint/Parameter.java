package io.vlm4j.testkit.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a checkpoint to write: its HF name, shape and how to fill it.
 *
 * @param name the parameter name as stored ({@code language_model.model.layers.0.self_attn.q_proj.weight})
 * @param shape its shape
 * @param init how its values are made
 */
public record Parameter(String name, int[] shape, Init init) {
    /** How a parameter is filled. */
    public enum Init {
        /** Seeded random values of standard deviation {@code initializer_range} (uniform, centred): weights. */
        RANDOM,
        /** All ones: norm weights, as HF initializes them. */
        ONES,
        /** All zeros: biases, as HF initializes them. */
        ZEROS
    }

    public Parameter {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        Objects.requireNonNull(init, "init");
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public long numel() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter p && p.name.equals(name) && Arrays.equals(p.shape, shape) && p.init == init;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " " + init;
    }
}
