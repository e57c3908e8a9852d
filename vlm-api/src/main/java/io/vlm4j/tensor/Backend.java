package io.vlm4j.tensor;

/**
 * An engine that executes the tensor SPI's operations on one device.
 *
 * <p>The root of a tree of native scopes: closing the backend frees everything it allocated. Thread-safe.
 */
public interface Backend extends AutoCloseable {
    /** The id of the provider that made it ({@code djl}). */
    String name();

    /** The device it computes on ({@code cpu}, {@code cuda:0}). */
    String device();

    /** Frees every native resource of this backend. Idempotent. */
    @Override
    void close();
}
