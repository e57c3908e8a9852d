package io.vlm4j.models.clip;

import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * PyTorch's {@code nn.LayerNorm(hidden_size, eps)} with its affine {@code weight} and {@code bias}, loaded by their
 * parameter names ({@code <prefix>.weight}, {@code <prefix>.bias}): the vision towers' norms. Immutable.
 *
 * @param weight {@code [hidden_size]}
 * @param bias {@code [hidden_size]}
 * @param eps {@code layer_norm_eps}
 */
public record LayerNorm(Tensor weight, Tensor bias, double eps) {
    /**
     * Loads {@code <prefix>.weight} and {@code <prefix>.bias}.
     *
     * @throws io.vlm4j.CheckpointFormatException if one is missing or has another shape
     */
    public static LayerNorm load(Weights weights, String prefix, int hiddenSize, double eps) {
        return new LayerNorm(weights.get(prefix + ".weight", hiddenSize), weights.get(prefix + ".bias", hiddenSize),
                eps);
    }

    /** {@code F.layer_norm(x, [hidden_size], weight, bias, eps)} over the last dimension. */
    public Tensor forward(Scope scope, Tensor x) {
        return scope.layerNorm(x, weight, bias, eps);
    }
}
