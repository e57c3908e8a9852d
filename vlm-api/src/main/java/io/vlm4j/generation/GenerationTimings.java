package io.vlm4j.generation;

/**
 * How long a generation took. The first new token comes out of the prefill; every later one out of one decode step.
 *
 * @param prefillMillis the prompt's forward pass, to its first token's logits (milliseconds)
 * @param decodeSteps the decode steps after the prefill ({@code new tokens - 1} for a single sequence)
 * @param decodeMillis their total time (milliseconds)
 */
public record GenerationTimings(double prefillMillis, int decodeSteps, double decodeMillis) {
    public GenerationTimings {
        if (prefillMillis < 0 || decodeSteps < 0 || decodeMillis < 0) {
            throw new IllegalArgumentException("negative timing: prefill " + prefillMillis + " ms, " + decodeSteps
                    + " steps in " + decodeMillis + " ms");
        }
    }

    /** Decode steps per second (tokens per second per sequence); 0 when there was none. */
    public double decodeTokensPerSecond() {
        return decodeSteps == 0 || decodeMillis == 0 ? 0 : decodeSteps * 1000.0 / decodeMillis;
    }
}
