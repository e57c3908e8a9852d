package io.vlm4j.spi;

import io.vlm4j.tensor.Backend;

/**
 * Makes {@link Backend}s: the engines that execute the tensor SPI.
 *
 * <p>Ids: the backend's name ({@code djl}, {@code onnx}). {@link #availability()} says cheaply whether its
 * natives are present, without loading them; {@link #create} loads them. Thread-safe.
 */
public interface BackendProvider extends Provider<BackendProvider.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** Devices and features a backend may support. */
    enum Capability {
        /** Computes on the CPU. */
        CPU,
        /** Computes on CUDA GPUs (when their natives and a GPU are present). */
        CUDA
    }

    /**
     * Creates a backend on a device, loading natives on first use.
     *
     * @throws io.vlm4j.BackendUnavailableException if the device or natives are not available
     */
    Backend create(BackendOptions options);
}
