package io.vlm4j.runtime.generation;

import java.util.ArrayList;
import java.util.List;

/**
 * The logits processors of one generation, in the order HF's {@code _get_logits_processor} appends them:
 * repetition penalty (greedy and sampling), then — only when sampling — temperature, top-k and top-p.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/generation/utils.py">
 * utils.py</a> at v4.46.0. Immutable.
 */
public final class LogitsProcessorList implements LogitsProcessor {
    private final List<LogitsProcessor> processors;

    private LogitsProcessorList(List<LogitsProcessor> processors) {
        this.processors = List.copyOf(processors);
    }

    /** Exactly these processors, in this order. */
    public static LogitsProcessorList of(List<LogitsProcessor> processors) {
        return new LogitsProcessorList(processors);
    }

    /**
     * HF's selection: {@code repetition_penalty != 1.0} adds the penalty; when {@code doSample},
     * {@code temperature != 1.0} the temperature, {@code top_k != 0} top-k and {@code top_p < 1.0} top-p (with
     * {@code min_tokens_to_keep = 1}, as without beams).
     */
    public static LogitsProcessorList of(double repetitionPenalty, boolean doSample, double temperature, int topK,
            double topP) {
        List<LogitsProcessor> list = new ArrayList<>();
        if (repetitionPenalty != 1.0) {
            list.add(new RepetitionPenaltyLogitsProcessor(repetitionPenalty));
        }
        if (doSample) {
            int minTokensToKeep = 1;
            if (temperature != 1.0) {
                list.add(new TemperatureLogitsWarper(temperature));
            }
            if (topK != 0) {
                list.add(new TopKLogitsWarper(topK, minTokensToKeep));
            }
            if (topP < 1.0) {
                list.add(new TopPLogitsWarper(topP, minTokensToKeep));
            }
        }
        return new LogitsProcessorList(list);
    }

    /** The processors, in order. */
    public List<LogitsProcessor> processors() {
        return processors;
    }

    @Override
    public void process(int[] inputIds, float[] scores) {
        for (LogitsProcessor p : processors) {
            p.process(inputIds, scores);
        }
    }
}
