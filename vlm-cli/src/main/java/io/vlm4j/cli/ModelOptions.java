package io.vlm4j.cli;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.runtime.Options;
import picocli.CommandLine.Option;

/**
 * The options of the commands that run a model ({@code generate}, {@code run}, {@code chat}): which backend, on
 * which device, with how many threads. A picocli mixin.
 */
final class ModelOptions {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend: djl, onnx (default: the available one of the highest priority).")
    String backend;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu, cuda or cuda:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Compute threads; 0 for the engine's default.")
    int threads;

    /**
     * The runtime's options of these choices, videos sampled as {@code sampling} says.
     *
     * @throws VlmException (usage) if the device or threads are invalid
     */
    Options options(FrameSampling sampling) {
        try {
            return Options.builder().backend(backend).device(device).threads(threads).frameSampling(sampling)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }
}
