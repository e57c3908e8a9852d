package io.vlm4j.tensor;

import java.util.Objects;

/**
 * What {@code torch.topk} returns: the largest values, sorted descending, and their I64 indices.
 *
 * @param values the values
 * @param indices their indices along the reduced dimension
 */
public record TopK(Tensor values, Tensor indices) {
    public TopK {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(indices, "indices");
    }
}
