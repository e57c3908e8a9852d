package io.vlm4j.runtime.generation;

/**
 * One of HF's logits processors: rewrites the next-token scores of one sequence in place, given the tokens so
 * far. HF applies them to every row of a batch alike; a row is what they see here.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface LogitsProcessor {
    /**
     * @param inputIds the sequence so far (prompt, with any left padding, and the tokens generated)
     * @param scores the next-token scores {@code [vocab_size]}, float32 as HF computes them, rewritten in place
     */
    void process(int[] inputIds, float[] scores);
}
