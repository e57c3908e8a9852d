package io.vlm4j.tensor;

/**
 * An engine that executes the tensor SPI's operations on one device: the root of a tree of {@link Scope}s.
 *
 * <p>Closing the backend closes every scope it made and frees everything they hold. Thread-safe.
 */
public interface Backend extends AutoCloseable {
    /** The id of the provider that made it ({@code djl}). */
    String name();

    /** The device it computes on ({@code cpu}, {@code cuda:0}). */
    String device();

    /**
     * A new top-level scope (a model's weights live in one). Thread-safe.
     *
     * @throws IllegalStateException if the backend is closed
     */
    Scope newScope();

    /** The tensors this backend holds now, by its own accounting. */
    MemoryUsage memoryUsage();

    /** Frees every native resource of this backend. Idempotent. */
    @Override
    void close();
}
