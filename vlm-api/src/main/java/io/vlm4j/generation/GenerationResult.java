package io.vlm4j.generation;

import java.util.List;
import java.util.Objects;

/**
 * What one sequence of a generation produced.
 *
 * @param promptLength tokens in the prompt (without padding)
 * @param tokenIds the new tokens, in order; the end-of-sequence token that stopped it, if any, is the last
 * @param text the new tokens decoded (HF's {@code decode(ids, skip_special_tokens=True)}), equal to the
 *     concatenation of the streamed pieces
 * @param finishReason why it stopped
 * @param timings how long it took (shared by the sequences of one batch)
 */
public record GenerationResult(int promptLength, List<Integer> tokenIds, String text, FinishReason finishReason,
        GenerationTimings timings) {
    public GenerationResult {
        tokenIds = List.copyOf(tokenIds);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(timings, "timings");
        if (promptLength < 0) {
            throw new IllegalArgumentException("promptLength must be >= 0, got " + promptLength);
        }
    }

    /** The new tokens as an array. */
    public int[] tokenIdArray() {
        return tokenIds.stream().mapToInt(Integer::intValue).toArray();
    }
}
