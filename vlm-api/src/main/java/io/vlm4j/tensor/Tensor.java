package io.vlm4j.tensor;

/**
 * A dense array held by a {@link Backend} (native memory, possibly on a GPU), owned by exactly one {@link Scope}.
 *
 * <p>Shapes are Java ints and known without reading values, so architecture code may branch on them (a graph
 * backend knows them while tracing). Values are read only through {@link #toHost()}, which generation loops and
 * tests use; architecture code never does.
 *
 * <p>Element types on a backend are {@link DType#F32}, {@link DType#I64} and {@link DType#BOOL} (floating-point
 * data is upcast to F32 when it is uploaded).
 *
 * <p>A tensor is freed when it or its scope is closed, whichever comes first. Reading a tensor from several
 * threads at once is safe (weights are); closing it while another thread uses it is not.
 */
public interface Tensor extends AutoCloseable {
    /** The element type. */
    DType dtype();

    /** A copy of the shape. */
    int[] shape();

    /** The size of dimension {@code i}; negative {@code i} counts from the end. */
    int dim(int i);

    /** The number of dimensions. */
    int rank();

    /** The number of elements. */
    default long numel() {
        return HostTensor.numel(shape());
    }

    /** The scope that owns this tensor now. */
    Scope scope();

    /**
     * Copies the values into the JVM (a device-to-host transfer on a GPU).
     *
     * @throws IllegalStateException if the tensor is closed
     */
    HostTensor toHost();

    /**
     * Moves this tensor into {@code target}, so that it outlives the scope that made it (a result leaving a step
     * scope), and returns it. Both scopes must belong to the same backend.
     *
     * @throws IllegalArgumentException if {@code target} belongs to another backend
     * @throws IllegalStateException if this tensor or {@code target} is closed
     */
    Tensor moveTo(Scope target);

    /** True once freed. */
    boolean isClosed();

    /** Frees the native memory now. Idempotent; throws nothing. */
    @Override
    void close();
}
