package io.vlm4j.runtime.generation;

/**
 * HF's {@code RepetitionPenaltyLogitsProcessor}: the score of every token already in the sequence is divided by
 * the penalty if positive, multiplied by it if negative (float32, as {@code torch.where(score < 0, score *
 * penalty, score / penalty)}), once per distinct token.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/generation/logits_process.py">
 * logits_process.py</a> at v4.46.0. Immutable.
 */
public final class RepetitionPenaltyLogitsProcessor implements LogitsProcessor {
    private final float penalty;

    /** @throws IllegalArgumentException unless {@code penalty > 0} */
    public RepetitionPenaltyLogitsProcessor(double penalty) {
        if (!(penalty > 0)) {
            throw new IllegalArgumentException("`penalty` has to be a strictly positive float, but is " + penalty);
        }
        this.penalty = (float) penalty;
    }

    @Override
    public void process(int[] inputIds, float[] scores) {
        // gather, then scatter: duplicates read the original score and write the same value
        java.util.BitSet seen = new java.util.BitSet(scores.length);
        for (int id : inputIds) {
            if (id < 0 || id >= scores.length || seen.get(id)) {
                continue;
            }
            seen.set(id);
            float score = scores[id];
            scores[id] = score < 0 ? score * penalty : score / penalty;
        }
    }
}
