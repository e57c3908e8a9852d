package io.vlm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoConfig;
import io.vlm4j.runtime.AutoModel;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.runtime.Registries;
import io.vlm4j.runtime.generation.Detokenizer;
import io.vlm4j.runtime.generation.Generation;
import io.vlm4j.runtime.generation.Prompt;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.MemoryUsage;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden cases of one family, from chat messages to HF's greedy tokens, through the production path: the
 * family found by {@code model_type} ({@link AutoProcessor}, {@link AutoModel}), a backend found by id, the
 * generation loop. Checks the {@code inputs_embeds} the language model receives, the prompt's last logits and
 * logsumexp within the golden README's tolerance ({@link ModelCase#assertAllClose}), the 12 greedy tokens, their
 * text and finish reason exactly; that media features computed one item at a time give the same embeddings (what a
 * chat reusing features across turns relies on); that a missing placeholder is a {@link MediaMismatchException}
 * naming both counts; and that native memory returns to its level after each case.
 *
 * <p>A family's tests extend it with {@link #family()}; a backend's may override {@link #backend()}. The video
 * items take the case's decoded frames ({@code expected/frames*.safetensors}). One compute thread: the golden
 * models are tiny.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GoldenModelSuite {
    private Backend backend;
    private Processor processor;
    private VisionLanguageModel model;
    private GenerationConfig generationConfig;

    /** The family folder of {@link GoldenData#golden()} ({@code llava_onevision}). */
    protected abstract String family();

    /** The backend's id; {@code djl} unless overridden. */
    protected String backend() {
        return "djl";
    }

    @BeforeAll
    void load() {
        Registries registries = Registries.defaults();
        backend = registries.backends().find(backend()).orElseThrow(() -> new IllegalStateException("no backend "
                + backend() + " on the class path")).create(new BackendOptions("cpu", 1));
        processor = AutoProcessor.fromPretrained(GoldenData.model(family()), registries);
        model = AutoModel.fromPretrained(GoldenData.model(family()), backend, registries);
        generationConfig = AutoConfig.generationConfig(GoldenData.model(family())).withMaxNewTokens(12)
                .withDoSample(false);
    }

    @AfterAll
    void close() {
        if (model != null) {
            model.close();
        }
        if (processor != null) {
            processor.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    Stream<ModelCase> cases() {
        return ModelCase.cases(family()).stream();
    }

    Stream<ModelCase> casesWithMedia() {
        return cases().filter(c -> !c.processorCase().frameFiles().isEmpty() || c.processorCase().hasImages());
    }

    /** The case's batch, as the processor makes it from its messages and decoded frames. */
    protected BatchFeature batch(ModelCase c) {
        return processor.apply(c.processorCase().conversation(),
                ChatOptions.defaults().withVideoFrames(c.processorCase().frames()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inputsEmbedsAreHfsWithinTheGoldenTolerance(ModelCase c) {
        BatchFeature batch = batch(c);
        try (Scope scope = model.newScope()) {
            Tensor inputsEmbeds = model.inputsEmbeds(scope, batch); // [1, L, hidden_size]
            ModelCase.assertAllClose(inputsEmbeds.toHost().toFloats(), inputsEmbeds.shape(),
                    c.expected("inputs_embeds"), c.expectedShape("inputs_embeds"), c.name() + " inputs_embeds");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void promptLogitsAreHfsWithinTheGoldenTolerance(ModelCase c) {
        BatchFeature batch = batch(c);
        try (Scope scope = model.newScope()) {
            Tensor inputsEmbeds = model.inputsEmbeds(scope, batch); // [1, L, hidden_size]
            int length = inputsEmbeds.dim(1);
            Tensor logits = model.forward(scope, inputsEmbeds, null, null, null, 0); // [1, L, vocab_size]
            ModelCase.assertAllClose(scope.slice(logits, 1, length - 1, length).toHost().toFloats(),
                    c.expected("logits_last"), c.name() + " logits_last");
            ModelCase.assertAllClose(scope.logSumExp(logits, -1).toHost().toFloats(), c.expected("logsumexp"),
                    c.name() + " logsumexp");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyGenerationGivesHfsTokensTextAndFinishReason(ModelCase c) {
        BatchFeature batch = batch(c);
        Generation generation = new Generation(model, Detokenizer.of(processor.tokenizer()));
        MemoryUsage before = backend.memoryUsage();

        GenerationResult result = generation.generate(Prompt.of(batch.ids(0), s -> model.inputsEmbeds(s, batch)),
                generationConfig);

        assertThat(result.promptLength()).as("%s prompt_length", c).isEqualTo(c.promptLength());
        assertThat(result.tokenIds()).as("%s new_token_ids", c).isEqualTo(c.newTokenIds());
        assertThat(result.text()).as("%s text", c).isEqualTo(c.text());
        assertThat(result.finishReason().wireName()).as("%s finish_reason", c).isEqualTo(c.finishReason());
        assertThat(backend.memoryUsage()).as("%s native memory after the generation", c).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithMedia")
    void featuresComputedOneItemAtATimeGiveTheSameEmbeddings(ModelCase c) {
        BatchFeature batch = batch(c);
        try (Scope cache = model.newScope(); Scope turn = model.newScope()) {
            List<Tensor> features = new ArrayList<>();
            for (MediaItem item : batch.media()) {
                features.addAll(model.mediaFeatures(cache, batch, List.of(item))); // [token_count, hidden_size]
            }
            for (int i = 0; i < features.size(); i++) {
                assertThat(features.get(i).shape()).as("%s features of %s", c, batch.media().get(i))
                        .containsExactly(batch.media().get(i).tokenCount(), model.hiddenSize());
            }
            Tensor inputsEmbeds = model.inputsEmbeds(turn, batch, features); // [1, L, hidden_size]
            ModelCase.assertAllClose(inputsEmbeds.toHost().toFloats(), c.expected("inputs_embeds"),
                    c.name() + " inputs_embeds from per-item features");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithMedia")
    void aPlaceholderTooFewIsAMediaMismatchNamingBothCounts(ModelCase c) {
        BatchFeature batch = batch(c);
        MediaItem first = batch.media().get(0);
        long[] ids = batch.inputIds().toLongs();
        ids[first.tokenOffset()] = 0;
        Map<String, HostTensor> tensors = new LinkedHashMap<>(batch.tensors());
        tensors.put(BatchFeature.INPUT_IDS, HostTensor.ofLongs(ids, batch.inputIds().shape()));
        BatchFeature broken = new BatchFeature(tensors, batch.prompts(), batch.media());
        int tokens = batch.media().stream().filter(m -> m.kind() == first.kind()).mapToInt(MediaItem::tokenCount)
                .sum();
        try (Scope scope = model.newScope()) {
            assertThatThrownBy(() -> model.inputsEmbeds(scope, broken)).as("%s", c)
                    .isInstanceOf(MediaMismatchException.class)
                    .hasMessageContaining("features and " + first.kind().word() + " tokens do not match: tokens: "
                            + (tokens - 1) + ", features " + tokens);
        }
    }
}
