package io.vlm4j.runtime;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.spi.BackendOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link AutoModel} and {@link VlmPipeline} load and run a model: the backend (by name, or the available one of
 * the highest priority), its device and threads, and the frames a video item gets when it names no sampling of
 * its own.
 *
 * <p>Immutable.
 *
 * @param backend the backend's name ({@code djl}); {@code null} for the available backend of the highest priority
 *     that supports the device
 * @param device {@code cpu}, {@code cuda} or {@code cuda:N}
 * @param threads compute threads; 0 for the engine's default
 * @param frameSampling the frames of a video item without a sampling of its own (default: 8 uniform frames,
 *     {@code np.arange(0, T, T / 8).astype(int)}, as HF's examples)
 */
public record Options(String backend, String device, int threads, FrameSampling frameSampling) {
    public Options {
        if (backend != null && backend.isBlank()) {
            throw new IllegalArgumentException("backend must be a name or null (by priority), got '" + backend + "'");
        }
        Objects.requireNonNull(frameSampling, "frameSampling");
        new BackendOptions(device, threads); // checks the device and threads
    }

    /** The available backend of the highest priority, on the CPU, default threads, 8 uniform frames per video. */
    public static Options defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The backend asked for by name, if any. */
    public Optional<String> optBackend() {
        return Optional.ofNullable(backend);
    }

    /** What the backend provider is created with. */
    public BackendOptions backendOptions() {
        return new BackendOptions(device, threads);
    }

    /** Builds {@link Options}; not thread-safe. */
    public static final class Builder {
        private String backend;
        private String device = "cpu";
        private int threads;
        private FrameSampling frameSampling = FrameSampling.uniform(ChatOptions.DEFAULT_NUM_FRAMES);

        private Builder() {}

        /** The backend's name ({@code djl}); {@code null} for the highest priority available. */
        public Builder backend(String value) {
            this.backend = value;
            return this;
        }

        /** {@code cpu}, {@code cuda} or {@code cuda:N}. */
        public Builder device(String value) {
            this.device = value;
            return this;
        }

        /** Compute threads; 0 for the engine's default. */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** The default frame sampling of video items. */
        public Builder frameSampling(FrameSampling value) {
            this.frameSampling = value;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if a value is invalid (blank backend, unknown device, negative threads)
         */
        public Options build() {
            return new Options(backend, device, threads, frameSampling);
        }
    }
}
