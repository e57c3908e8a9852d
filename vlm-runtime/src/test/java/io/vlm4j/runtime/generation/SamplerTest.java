package io.vlm4j.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplerTest {
    @Test
    void greedyTakesTheFirstMaximum() {
        assertThat(Sampler.greedy().next(new float[] {1f, 5f, 5f, -2f})).isEqualTo(1);
    }

    @Test
    void aFixedSeedRepeatsTheDraws() {
        float[] scores = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
        Sampler a = Sampler.seeded(7);
        Sampler b = Sampler.seeded(7);
        int[] first = new int[50];
        for (int i = 0; i < first.length; i++) {
            first[i] = a.next(scores);
            assertThat(b.next(scores)).isEqualTo(first[i]);
        }
        Sampler c = Sampler.seeded(8);
        boolean differs = false;
        for (int drawn : first) {
            differs |= c.next(scores) != drawn;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void drawsFollowTheSoftmaxOfTheScores() {
        float[] scores = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2), Float.NEGATIVE_INFINITY};
        Sampler sampler = Sampler.seeded(1);
        int[] counts = new int[4];
        int n = 40000;
        for (int i = 0; i < n; i++) {
            counts[sampler.next(scores)]++;
        }
        // binomial standard deviation at n = 40000 is at most 0.0025: 0.01 is four of them
        assertThat(counts[0] / (double) n).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[1] / (double) n).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[2] / (double) n).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(counts[3]).isZero();
    }
}
