package io.vlm4j.models.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.tensor.TopK;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoders on the golden {@code inputs_embeds} of every case of every family: HF's prompt logits.
 */
class GoldenDecoderTest {
    /** golden README, "Tolerances": numpy's allclose(atol=1e-4, rtol=1e-5) for logits, logsumexp, top-32 values. */
    static final double LOGITS_ATOL = 1e-4;
    static final double LOGITS_RTOL = 1e-5;

    static Stream<Path> cases() {
        return GoldenData.allCases(GoldenData.golden()).stream();
    }

    private static String family(Path caseDir) {
        return caseDir.getParent().getFileName().toString();
    }

    private static boolean close(float actual, float golden) {
        return Math.abs(actual - golden) <= LOGITS_ATOL + LOGITS_RTOL * Math.abs(golden);
    }

    private static void assertAllClose(float[] actual, float[] golden, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(golden);
        for (int i = 0; i < golden.length; i++) {
            if (!close(actual[i], golden[i])) {
                fail(what + " at " + i + ": got " + actual[i] + ", golden " + golden[i] + " (|Δ| "
                        + Math.abs(actual[i] - golden[i]) + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promptLogitsMatchHf(Path caseDir) {
        String name = family(caseDir) + "/" + caseDir.getFileName();
        CausalLanguageModel model = GoldenLanguageModels.model(family(caseDir));
        try (SafeTensors expected = SafeTensors.open(caseDir.resolve("expected/model.safetensors"));
                Scope scope = model.newScope()) {
            Tensor inputsEmbeds = scope.upload(expected.get("inputs_embeds")); // [1, L, hidden_size]
            int length = inputsEmbeds.dim(1);
            Tensor logits = model.forward(scope, inputsEmbeds, null, null, null, 0); // [1, L, vocab_size]
            assertThat(logits.shape()).as(name + " logits shape").containsExactly(1, length, model.vocabSize());

            float[] last = scope.slice(logits, 1, length - 1, length).toHost().toFloats();
            assertAllClose(last, expected.getFloats("logits_last"), name + " logits_last");

            float[] logsumexp = scope.logSumExp(logits, -1).toHost().toFloats();
            assertAllClose(logsumexp, expected.getFloats("logsumexp"), name + " logsumexp");

            long[] positions = expected.get("top32_positions").toLongs();
            Tensor atPositions = scope.indexSelect(logits, 1, scope.constant(positions, positions.length)); // [1, P, vocab]
            TopK top = scope.topk(atPositions, 32, -1);
            float[] values = top.values().toHost().toFloats();
            float[] goldenValues = expected.getFloats("top32_values");
            for (int p = 0; p < positions.length; p++) {
                assertAllClose(Arrays.copyOfRange(values, p * 32, p * 32 + 32),
                        Arrays.copyOfRange(goldenValues, p * 32, p * 32 + 32),
                        name + " top32_values at position " + positions[p]);
            }

            long[] argmax = scope.argmax(logits, -1).toHost().toLongs();
            long[] goldenArgmax = expected.get("argmax").toLongs();
            for (int p = 0; p < length; p++) {
                if (argmax[p] != goldenArgmax[p]) {
                    // a tie within tolerance may pick another index: our logit at HF's index must then be as high
                    float[] row = scope.slice(logits, 1, p, p + 1).toHost().toFloats();
                    float mine = row[(int) argmax[p]];
                    float atGolden = row[(int) goldenArgmax[p]];
                    assertThat(close(atGolden, mine)).as(name + " argmax at " + p + ": ours " + argmax[p] + " ("
                            + mine + "), HF's " + goldenArgmax[p] + " (our logit " + atGolden + ")").isTrue();
                }
            }
        }
    }
}
