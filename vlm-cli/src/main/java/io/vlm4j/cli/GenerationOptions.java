package io.vlm4j.cli;

import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import java.util.Locale;
import java.util.OptionalLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How the commands that generate ({@code generate}, {@code run}, {@code chat}) decode: {@code --max-new-tokens N}
 * (this mixin) and the {@link Decoding} group {@code --greedy | --temperature T [--top-p P] [--top-k K]
 * [--seed S]}, which each command declares itself ({@code generate} requires it, {@code run} and {@code chat} do
 * not), over the checkpoint's generation config as HF's {@code generate()} kwargs are.
 */
final class GenerationOptions {
    @Option(names = "--max-new-tokens", paramLabel = "N",
            description = "The most tokens to generate (default: the checkpoint's generation config).")
    Integer maxNewTokens;

    /** {@code --greedy} or sampling: a picocli argument group. */
    static final class Decoding {
        @Option(names = "--greedy", required = true, description = "Take the most likely token at each step.")
        boolean greedy;

        @ArgGroup(exclusive = false)
        Sampling sampling;
    }

    /** {@code --temperature T [--top-p P] [--top-k K] [--seed S]}. */
    static final class Sampling {
        @Option(names = "--temperature", required = true, paramLabel = "T", description = "Sample at temperature T.")
        double temperature;

        @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling (default: the checkpoint's).")
        Double topP;

        @Option(names = "--top-k", paramLabel = "K", description = "Top-k sampling (default: the checkpoint's).")
        Integer topK;

        @Option(names = "--seed", paramLabel = "S", description = "The sampler's seed (default: random).")
        Long seed;
    }

    /**
     * The checkpoint's generation config with the command line's choices over it; without {@code --greedy} or
     * {@code --temperature} ({@code decoding} null) the checkpoint's {@code do_sample} and sampling parameters
     * decide.
     */
    GenerationConfig over(GenerationConfig checkpoint, Decoding decoding) {
        GenerationConfig config = checkpoint;
        if (maxNewTokens != null) {
            config = config.withMaxNewTokens(maxNewTokens);
        }
        if (decoding == null) {
            return config;
        }
        if (decoding.greedy) {
            return config.withDoSample(false);
        }
        Sampling s = decoding.sampling;
        config = config.withDoSample(true).withTemperature(s.temperature);
        if (s.topP != null) {
            config = config.withTopP(s.topP);
        }
        if (s.topK != null) {
            config = config.withTopK(s.topK);
        }
        if (s.seed != null) {
            config = config.withSeed(OptionalLong.of(s.seed));
        }
        return config;
    }

    /** The line that ends a generation on stderr: token counts, finish reason, time to first token, speed. */
    static String summary(GenerationResult result) {
        return String.format(Locale.ROOT,
                "vlm: %d prompt tokens, %d new (%s); first token %.0f ms (vision and prefill), %.1f tokens/s",
                result.promptLength(), result.tokenIds().size(), result.finishReason().wireName(),
                result.timings().prefillMillis(), result.timings().decodeTokensPerSecond());
    }
}
