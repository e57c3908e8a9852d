package io.vlm4j.model;

import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.Objects;

/**
 * HF's {@code nn.Linear}: {@code weight [out_features, in_features]} and an optional {@code bias [out_features]},
 * loaded by their parameter names ({@code <prefix>.weight}, {@code <prefix>.bias}).
 *
 * @param weight {@code [out_features, in_features]}
 * @param bias {@code [out_features]}, or null for {@code bias=False}
 */
public record Linear(Tensor weight, Tensor bias) {
    public Linear {
        Objects.requireNonNull(weight, "weight");
    }

    /**
     * Loads {@code <prefix>.weight} (and {@code <prefix>.bias} when {@code bias}), checking their shapes.
     *
     * @throws io.vlm4j.CheckpointFormatException if a tensor is missing or has another shape
     */
    public static Linear load(Weights weights, String prefix, int inFeatures, int outFeatures, boolean bias) {
        Tensor w = weights.get(prefix + ".weight", outFeatures, inFeatures);
        Tensor b = bias ? weights.get(prefix + ".bias", outFeatures) : null;
        return new Linear(w, b);
    }

    /** {@code F.linear(x, weight, bias)}: {@code [..., in_features]} → {@code [..., out_features]}. */
    public Tensor forward(Scope scope, Tensor x) {
        return scope.linear(x, weight, bias);
    }
}
