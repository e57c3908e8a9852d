package io.vlm4j.spi;

import java.util.Objects;

/**
 * How to create a backend.
 *
 * @param device {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param threads compute threads; 0 for the engine's default
 */
public record BackendOptions(String device, int threads) {
    public BackendOptions {
        Objects.requireNonNull(device, "device");
        if (!device.equals("cpu") && !device.matches("cuda(:\\d+)?")) {
            throw new IllegalArgumentException("device must be cpu, cuda or cuda:N, got '" + device + "'");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** The CPU with the engine's default threads. */
    public static BackendOptions cpu() {
        return new BackendOptions("cpu", 0);
    }
}
