package io.vlm4j.runtime.generation;

/**
 * HF's {@code TopPLogitsWarper} (nucleus filtering): scores sorted ascending, their softmax accumulated; tokens
 * whose cumulative probability is {@code <= 1 - top_p} become {@code -inf}, except the {@code min_tokens_to_keep}
 * most likely. The softmax is float32 per element and the cumulative sum accumulates in double, as PyTorch's CPU
 * {@code cumsum} does.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/generation/logits_process.py">
 * logits_process.py</a> at v4.46.0. Immutable.
 */
public final class TopPLogitsWarper implements LogitsProcessor {
    private final double topP;
    private final int minTokensToKeep;

    /** @throws IllegalArgumentException unless {@code 0 <= topP <= 1} and {@code minTokensToKeep >= 1} */
    public TopPLogitsWarper(double topP, int minTokensToKeep) {
        if (!(topP >= 0 && topP <= 1)) {
            throw new IllegalArgumentException("`top_p` has to be a float > 0 and < 1, but is " + topP);
        }
        if (minTokensToKeep < 1) {
            throw new IllegalArgumentException("`min_tokens_to_keep` has to be a positive integer, but is "
                    + minTokensToKeep);
        }
        this.topP = topP;
        this.minTokensToKeep = minTokensToKeep;
    }

    @Override
    public void process(int[] inputIds, float[] scores) {
        int n = scores.length;
        int[] order = Sorting.ascending(scores);
        float max = scores[order[n - 1]];
        double sum = 0;
        for (float s : scores) {
            sum += Math.exp((double) s - max);
        }
        float threshold = (float) (1 - topP);
        double cumulative = 0;
        for (int rank = 0; rank < n - minTokensToKeep; rank++) {
            int index = order[rank];
            float probability = (float) (Math.exp((double) scores[index] - max) / sum);
            cumulative += probability;
            if ((float) cumulative <= threshold) {
                scores[index] = Float.NEGATIVE_INFINITY;
            } else {
                break; // the cumulative sum only grows
            }
        }
    }
}
