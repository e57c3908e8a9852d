package io.vlm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.safetensors.SafeTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One case folder of {@link GoldenData#golden()} seen from the model's side: what HF's model computed
 * ({@code expected/model.safetensors}: {@code inputs_embeds}, {@code logits_last}, {@code logsumexp}, …) and
 * generated ({@code generation.json}), with the golden README's comparison rule for floats; its inputs are the
 * {@link #processorCase()}'s.
 *
 * <p>Immutable; thread-safe.
 */
public final class ModelCase {
    /** Golden README, "Tolerances": inputs_embeds, logits, logsumexp within numpy's allclose(atol=1e-4, …). */
    public static final double ATOL = 1e-4;
    /** Golden README, "Tolerances": … rtol=1e-5), HF's own assert_close form. */
    public static final double RTOL = 1e-5;

    private final ProcessorCase processorCase;

    private ModelCase(ProcessorCase processorCase) {
        this.processorCase = processorCase;
    }

    /**
     * The case in folder {@code dir} ({@code golden/<family>/<case>}).
     *
     * @throws IllegalArgumentException if it has no {@code generation.json}
     */
    public static ModelCase of(Path dir) {
        if (!Files.isRegularFile(dir.resolve("generation.json"))) {
            throw new IllegalArgumentException(dir + " is not a golden model case (no generation.json)");
        }
        return new ModelCase(ProcessorCase.of(dir));
    }

    /** The cases of a family in {@link GoldenData#golden()}, sorted. */
    public static List<ModelCase> cases(String family) {
        return GoldenData.cases(GoldenData.golden(), family).stream().map(ModelCase::of).collect(Collectors.toList());
    }

    /** Every case of every family, sorted by family then case. */
    public static List<ModelCase> allCases() {
        return GoldenData.allCases(GoldenData.golden()).stream().map(ModelCase::of).collect(Collectors.toList());
    }

    /** The case's inputs: messages, frames, expected processor output. */
    public ProcessorCase processorCase() {
        return processorCase;
    }

    /** {@code family/case}. */
    public String name() {
        return processorCase.name();
    }

    /** The family folder name. */
    public String family() {
        return processorCase.family();
    }

    /** The checkpoint folder. */
    public Path model() {
        return processorCase.model();
    }

    /** A float tensor of {@code expected/model.safetensors}, flat. */
    public float[] expected(String tensor) {
        try (SafeTensors st = SafeTensors.open(processorCase.dir().resolve("expected/model.safetensors"))) {
            return st.getFloats(tensor);
        }
    }

    /** The shape of a tensor of {@code expected/model.safetensors}. */
    public int[] expectedShape(String tensor) {
        try (SafeTensors st = SafeTensors.open(processorCase.dir().resolve("expected/model.safetensors"))) {
            return st.info(tensor).shape();
        }
    }

    /** {@code generation.json}'s {@code prompt_length}. */
    public int promptLength() {
        return generation().get("prompt_length").asInt();
    }

    /** {@code generation.json}'s 12 greedy {@code new_token_ids}. */
    public List<Integer> newTokenIds() {
        return generation().get("new_token_ids").elements().stream().map(ConfigNode::asInt)
                .collect(Collectors.toList());
    }

    /** {@code generation.json}'s {@code text}: the new tokens decoded, special tokens skipped. */
    public String text() {
        return generation().get("text").asString();
    }

    /** {@code generation.json}'s {@code finish_reason}. */
    public String finishReason() {
        return generation().get("finish_reason").asString();
    }

    private ConfigNode generation() {
        return ConfigNode.read(processorCase.dir().resolve("generation.json"));
    }

    /** Whether {@code actual} is within the golden tolerance of {@code golden}: {@code |Δ| <= ATOL + RTOL·|golden|}. */
    public static boolean close(float actual, float golden) {
        return Math.abs(actual - golden) <= ATOL + RTOL * Math.abs(golden);
    }

    /**
     * Checks that {@code actual} has {@code golden}'s length and every element is {@link #close} to it; a failure
     * names {@code what} (case and tensor), the index and both values.
     */
    public static void assertAllClose(float[] actual, float[] golden, String what) {
        assertThat(actual.length).as("%s: element count", what).isEqualTo(golden.length);
        for (int i = 0; i < golden.length; i++) {
            if (!close(actual[i], golden[i])) {
                fail(what + " at flat index " + i + ": got " + actual[i] + ", golden " + golden[i] + " (|Δ| "
                        + Math.abs(actual[i] - golden[i]) + " > " + (ATOL + RTOL * Math.abs(golden[i])) + ")");
            }
        }
    }

    /** {@link #assertAllClose(float[], float[], String)} with the shapes compared first. */
    public static void assertAllClose(float[] actual, int[] actualShape, float[] golden, int[] goldenShape,
            String what) {
        assertThat(actualShape).as("%s: shape %s, golden %s", what, Arrays.toString(actualShape),
                Arrays.toString(goldenShape)).isEqualTo(goldenShape);
        assertAllClose(actual, golden, what);
    }

    @Override
    public String toString() {
        return name();
    }
}
