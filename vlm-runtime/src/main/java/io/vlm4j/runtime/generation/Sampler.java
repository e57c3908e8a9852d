package io.vlm4j.runtime.generation;

import java.util.SplittableRandom;

/**
 * Picks the next token from processed scores as HF's {@code _sample} does: {@code argmax} (the first maximum)
 * for greedy search, else a draw from {@code softmax(scores)} ({@code torch.multinomial}).
 *
 * <p>A draw uses this sampler's own seeded generator (a {@link SplittableRandom}), so a fixed seed repeats a
 * generation exactly; it cannot repeat PyTorch's random stream. One per generation: not thread-safe.
 */
public final class Sampler {
    private final SplittableRandom random;

    private Sampler(SplittableRandom random) {
        this.random = random;
    }

    /** Greedy search. */
    public static Sampler greedy() {
        return new Sampler(null);
    }

    /** Sampling from a generator seeded with {@code seed}. */
    public static Sampler seeded(long seed) {
        return new Sampler(new SplittableRandom(seed));
    }

    /** True when it samples. */
    public boolean samples() {
        return random != null;
    }

    /** The next token of one sequence. */
    public int next(float[] scores) {
        return random == null ? argmax(scores) : draw(scores);
    }

    /** {@code torch.argmax}: the index of the first maximum. */
    public static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    private int draw(float[] scores) {
        float max = scores[argmax(scores)];
        double[] weights = new double[scores.length];
        double total = 0;
        for (int i = 0; i < scores.length; i++) {
            // softmax up to its normalisation, which the draw divides out
            double w = scores[i] == Float.NEGATIVE_INFINITY ? 0 : Math.exp((double) scores[i] - max);
            weights[i] = w;
            total += w;
        }
        double u = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                last = i;
                u -= weights[i];
                if (u < 0) {
                    return i;
                }
            }
        }
        return last;
    }
}
