package io.vlm4j.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** HF's logits processors on hand-made scores (values worked out from logits_process.py at v4.46.0). */
class LogitsProcessorTest {
    private static final float NEG_INF = Float.NEGATIVE_INFINITY;

    @Test
    void repetitionPenaltyDividesPositiveAndMultipliesNegativeScoresOfSeenTokensOnce() {
        float[] scores = {2f, -2f, 1f, 0.5f};
        new RepetitionPenaltyLogitsProcessor(2.0).process(new int[] {0, 1, 1, 0}, scores);
        assertThat(scores).containsExactly(1f, -4f, 1f, 0.5f);
    }

    @Test
    void repetitionPenaltyIsFloat32Arithmetic() {
        float[] scores = {0.7f};
        new RepetitionPenaltyLogitsProcessor(1.3).process(new int[] {0}, scores);
        assertThat(scores[0]).isEqualTo(0.7f / 1.3f);
    }

    @Test
    void temperatureDividesEveryScore() {
        float[] scores = {1f, -3f, 0f};
        new TemperatureLogitsWarper(0.5).process(new int[0], scores);
        assertThat(scores).containsExactly(2f, -6f, 0f);
    }

    @Test
    void topKKeepsScoresNotBelowTheKthLargestIncludingTies() {
        float[] scores = {1f, 3f, 2f, 3f, 2f};
        new TopKLogitsWarper(2, 1).process(new int[0], scores);
        assertThat(scores).containsExactly(NEG_INF, 3f, NEG_INF, 3f, NEG_INF);
        float[] tie = {1f, 3f, 2f, 3f, 2f};
        new TopKLogitsWarper(3, 1).process(new int[0], tie);
        assertThat(tie).containsExactly(NEG_INF, 3f, 2f, 3f, 2f);
    }

    @Test
    void topKFindsTheKthLargestAmongManyScores() {
        float[] scores = new float[10000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i * 7919) % 10000;
        }
        assertThat(TopKLogitsWarper.kthLargest(scores, 50)).isEqualTo(9950f);
    }

    @Test
    void topPRemovesTheLeastLikelyTokensWhoseMassIsAtMostOneMinusP() {
        // probabilities 0.5, 0.3, 0.15, 0.05: sorted ascending cumulate to 0.05, 0.2, 0.5, 1.0
        float[] scores = logits(0.5, 0.3, 0.15, 0.05);
        new TopPLogitsWarper(0.75, 1).process(new int[0], scores);
        assertThat(scores[2]).isEqualTo(NEG_INF);
        assertThat(scores[3]).isEqualTo(NEG_INF);
        assertThat(scores[0]).isFinite();
        assertThat(scores[1]).isFinite();
    }

    @Test
    void topPAlwaysKeepsMinTokensToKeep() {
        float[] scores = logits(0.5, 0.3, 0.15, 0.05);
        new TopPLogitsWarper(0.01, 1).process(new int[0], scores);
        assertThat(scores).containsExactly(scores[0], NEG_INF, NEG_INF, NEG_INF);
        assertThat(scores[0]).isFinite();
        float[] two = logits(0.5, 0.3, 0.15, 0.05);
        new TopPLogitsWarper(0.01, 2).process(new int[0], two);
        assertThat(two[1]).isFinite();
        assertThat(two[2]).isEqualTo(NEG_INF);
    }

    @Test
    void topPOfOneKeepsEverything() {
        float[] scores = logits(0.5, 0.3, 0.15, 0.05);
        float[] before = scores.clone();
        new TopPLogitsWarper(1.0, 1).process(new int[0], scores);
        assertThat(scores).containsExactly(before);
    }

    @Test
    void processorsAreSelectedAsHfSelectsThem() {
        assertThat(LogitsProcessorList.of(1.0, false, 0.7, 50, 0.9).processors()).isEmpty();
        assertThat(LogitsProcessorList.of(1.2, false, 0.7, 50, 0.9).processors())
                .hasExactlyElementsOfTypes(RepetitionPenaltyLogitsProcessor.class);
        assertThat(LogitsProcessorList.of(1.2, true, 0.7, 50, 0.9).processors()).hasExactlyElementsOfTypes(
                RepetitionPenaltyLogitsProcessor.class, TemperatureLogitsWarper.class, TopKLogitsWarper.class,
                TopPLogitsWarper.class);
        assertThat(LogitsProcessorList.of(1.0, true, 1.0, 0, 1.0).processors()).isEmpty();
    }

    @Test
    void temperatureActsBeforeTopP() {
        // at temperature 0.1 the best token's probability rises to 0.98, so top-p 0.9 keeps it alone;
        // applied after top-p, the temperature would have kept two tokens
        float[] scores = logits(0.6, 0.4);
        LogitsProcessorList.of(1.0, true, 0.1, 0, 0.9).process(new int[0], scores);
        assertThat(scores[1]).isEqualTo(NEG_INF);
        float[] other = logits(0.6, 0.4);
        LogitsProcessorList.of(List.of(new TopPLogitsWarper(0.9, 1), new TemperatureLogitsWarper(0.1)))
                .process(new int[0], other);
        assertThat(other[1]).isFinite();
    }

    @Test
    void repetitionPenaltyActsBeforeTopK() {
        // token 0 leads until it is penalised; top-k 1 then keeps token 1
        float[] scores = {3f, 2f, 1f};
        LogitsProcessorList.of(2.0, true, 1.0, 1, 1.0).process(new int[] {0}, scores);
        assertThat(scores).containsExactly(NEG_INF, 2f, NEG_INF);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new RepetitionPenaltyLogitsProcessor(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TemperatureLogitsWarper(0)).hasMessageContaining("do_sample=False");
        assertThatThrownBy(() -> new TopKLogitsWarper(0, 1)).hasMessageContaining("top_k");
        assertThatThrownBy(() -> new TopPLogitsWarper(1.5, 1)).hasMessageContaining("top_p");
    }

    private static float[] logits(double... probabilities) {
        float[] out = new float[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.log(probabilities[i]);
        }
        return out;
    }
}
