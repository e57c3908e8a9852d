package io.vlm4j.runtime.generation;

/**
 * HF's {@code TemperatureLogitsWarper}: {@code scores / temperature} (float32).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/generation/logits_process.py">
 * logits_process.py</a> at v4.46.0. Immutable.
 */
public final class TemperatureLogitsWarper implements LogitsProcessor {
    private final float temperature;

    /** @throws IllegalArgumentException unless {@code temperature > 0} */
    public TemperatureLogitsWarper(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("`temperature` (=" + temperature + ") has to be a strictly positive "
                    + "float; for greedy decoding set do_sample=False");
        }
        this.temperature = (float) temperature;
    }

    @Override
    public void process(int[] inputIds, float[] scores) {
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scores[i] / temperature;
        }
    }
}
