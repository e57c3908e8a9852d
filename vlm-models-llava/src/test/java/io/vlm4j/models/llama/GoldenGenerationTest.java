package io.vlm4j.models.llama;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfigs;
import io.vlm4j.generation.FinishReason;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.runtime.generation.Detokenizer;
import io.vlm4j.runtime.generation.Generation;
import io.vlm4j.runtime.generation.Prompt;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.runtime.Registries;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.tensor.MemoryUsage;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generation loop over the golden language models, fed the golden {@code inputs_embeds}: HF's 12 greedy tokens,
 * batches, threads, stop criteria, sampling and memory.
 */
class GoldenGenerationTest {
    /** Renders ids as {@code <id>}: a detokenizer whose text shows every token, for the stop and stream tests. */
    private static final Detokenizer IDS = ids -> {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.append('<').append(id).append('>');
        }
        return sb.toString();
    };

    /** A golden case: its prompt as the language model receives it, and HF's generation record. */
    record Case(String name, String family, Prompt prompt, List<Integer> newTokenIds, String finishReason,
            String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case load(Path dir) {
        String family = dir.getParent().getFileName().toString();
        try (SafeTensors processor = SafeTensors.open(dir.resolve("expected/processor.safetensors"));
                SafeTensors model = SafeTensors.open(dir.resolve("expected/model.safetensors"))) {
            long[] ids = processor.get("input_ids").toLongs();
            int[] inputIds = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                inputIds[i] = Math.toIntExact(ids[i]);
            }
            HostTensor embeds = HostTensor.ofFloats(model.getFloats("inputs_embeds"), model.info("inputs_embeds").shape());
            ConfigNode generation = ConfigNode.read(dir.resolve("generation.json"));
            List<Integer> expected = generation.get("new_token_ids").elements().stream().map(ConfigNode::asInt)
                    .collect(Collectors.toList());
            return new Case(family + "/" + dir.getFileName(), family, Prompt.of(inputIds, embeds), expected,
                    generation.get("finish_reason").asString(), generation.get("text").asString());
        }
    }

    static Stream<Case> cases() {
        return GoldenData.allCases(GoldenData.golden()).stream().map(GoldenGenerationTest::load);
    }

    static Case golden(String family, String name) {
        return load(GoldenData.golden().resolve(family).resolve(name));
    }

    /** The checkpoint's generation config (generation_config.json over config.json), for 12 new tokens. */
    static GenerationConfig config(String family) {
        Path dir = GoldenData.model(family);
        return GenerationConfig.fromJson(ConfigNode.read(dir.resolve("generation_config.json")),
                ModelConfigs.parse(ConfigNode.read(dir.resolve("config.json")))).withMaxNewTokens(12);
    }

    static Generation generation(String family) {
        return new Generation(GoldenLanguageModels.model(family), IDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void greedyGenerationGivesHfTokens(Case c) {
        GenerationResult result = generation(c.family()).generate(c.prompt(), config(c.family()));
        assertThat(result.tokenIds()).as(c.name() + " new_token_ids").isEqualTo(c.newTokenIds());
        assertThat(result.finishReason().wireName()).as(c.name() + " finish_reason").isEqualTo(c.finishReason());
        assertThat(result.promptLength()).isEqualTo(c.prompt().length());
        assertThat(result.text()).isEqualTo(IDS.decode(result.tokenIdArray()));
    }

    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    /** The checkpoint's tokenizer, found through the registry as production finds it. */
    static Tokenizer tokenizer(String family) {
        return TOKENIZERS.computeIfAbsent(family, f -> {
            Path dir = GoldenData.model(f);
            TokenizerFactory factory = Registries.defaults().tokenizers().byPriority().stream()
                    .filter(t -> t.canLoad(dir)).findFirst().orElseThrow();
            return factory.load(dir);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamedTextIsHfDecodedText(Case c) {
        StringBuilder streamed = new StringBuilder();
        GenerationResult result = new Generation(GoldenLanguageModels.model(c.family()),
                Detokenizer.of(tokenizer(c.family()))).generate(c.prompt(), config(c.family()), streamed::append);
        assertThat(result.text()).as(c.name() + " text").isEqualTo(c.text());
        assertThat(streamed.toString()).as(c.name() + " streamed text").isEqualTo(c.text());
    }

    @Test
    void leftPaddedBatchesGiveEachPromptItsOwnTokens() {
        for (String[] pair : new String[][] {{"llava", "image_chelsea", "image_multi_turn"},
            {"video_llava", "image_chelsea", "video_cat"}}) {
            Case a = golden(pair[0], pair[1]);
            Case b = golden(pair[0], pair[2]);
            assertThat(a.prompt().length()).isNotEqualTo(b.prompt().length());
            List<GenerationResult> batch = generation(pair[0]).generate(List.of(a.prompt(), b.prompt()),
                    config(pair[0]), (i, piece) -> { });
            assertThat(batch.get(0).tokenIds()).as(a.name() + " in a batch").isEqualTo(a.newTokenIds());
            assertThat(batch.get(1).tokenIds()).as(b.name() + " in a batch").isEqualTo(b.newTokenIds());
        }
    }

    @Test
    void fourThreadsSharingOneModelEachGetTheTokensTheyGetAlone() throws Exception {
        List<Case> four = List.of(golden("llava_onevision", "image_chelsea"), golden("llava_onevision", "text_only"),
                golden("llava_onevision", "video_cat"), golden("llava_onevision", "two_videos"));
        Generation shared = generation("llava_onevision");
        GenerationConfig config = config("llava_onevision");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<GenerationResult>> futures = new ArrayList<>();
                for (Case c : four) {
                    futures.add(pool.submit(() -> shared.generate(c.prompt(), config)));
                }
                for (int i = 0; i < four.size(); i++) {
                    assertThat(futures.get(i).get().tokenIds()).as(four.get(i).name() + " round " + round)
                            .isEqualTo(four.get(i).newTokenIds());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nativeMemoryReturnsToItsBaselineAfterAHundredGenerations() throws Exception {
        Case c = golden("llava_next_video", "video_cat");
        Generation generation = generation("llava_next_video");
        GenerationConfig config = config("llava_next_video").withMaxNewTokens(4);
        generation.generate(c.prompt(), config);
        MemoryUsage baseline = GoldenLanguageModels.backend().memoryUsage();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GenerationResult>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                futures.add(pool.submit(() -> generation.generate(c.prompt(), config)));
            }
            for (Future<GenerationResult> f : futures) {
                assertThat(f.get().tokenIds()).isEqualTo(c.newTokenIds().subList(0, 4));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(GoldenLanguageModels.backend().memoryUsage()).isEqualTo(baseline);
    }

    @Test
    void anEosTokenStopsGenerationAndIsKeptAsTheLastToken() {
        Case c = golden("video_llava", "video_ntsc");
        int eos = c.newTokenIds().get(2);
        GenerationResult result = generation(c.family())
                .generate(c.prompt(), config(c.family()).withEosTokenIds(List.of(99999, eos)));
        assertThat(result.tokenIds()).isEqualTo(c.newTokenIds().subList(0, 3));
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void aStopStringStopsGenerationOnceTheTextEndsWithIt() {
        Case c = golden("llava", "video_cat");
        String stop = "<" + c.newTokenIds().get(3) + "><" + c.newTokenIds().get(4);
        GenerationResult result = generation(c.family())
                .generate(c.prompt(), config(c.family()).withStopStrings(List.of(stop)));
        assertThat(result.tokenIds()).isEqualTo(c.newTokenIds().subList(0, 5));
        assertThat(result.finishReason()).isEqualTo(FinishReason.STOP_STRING);
    }

    @Test
    void streamedPiecesConcatenateToTheText() {
        Case c = golden("llava_onevision", "image_and_video");
        StringBuilder streamed = new StringBuilder();
        List<String> pieces = new ArrayList<>();
        GenerationResult result = generation(c.family()).generate(c.prompt(), config(c.family()), piece -> {
            pieces.add(piece);
            streamed.append(piece);
        });
        assertThat(pieces).hasSize(12);
        assertThat(streamed.toString()).isEqualTo(result.text());
    }

    @Test
    void samplingWithAFixedSeedIsReproducibleAndDiffersAcrossSeeds() {
        Case c = golden("llava_next_video", "image_chelsea");
        GenerationConfig sampling = config(c.family()).withDoSample(true).withTemperature(1.5).withTopK(0)
                .withTopP(1.0).withMaxNewTokens(8);
        Generation generation = generation(c.family());
        List<Integer> first = generation.generate(c.prompt(), sampling.withSeed(OptionalLong.of(11))).tokenIds();
        List<Integer> again = generation.generate(c.prompt(), sampling.withSeed(OptionalLong.of(11))).tokenIds();
        assertThat(again).isEqualTo(first);
        boolean differs = false;
        for (long seed = 12; seed < 16 && !differs; seed++) {
            differs = !generation.generate(c.prompt(), sampling.withSeed(OptionalLong.of(seed))).tokenIds()
                    .equals(first);
        }
        assertThat(differs).as("another seed draws other tokens").isTrue();
    }

    @Test
    void timingsReportPrefillAndDecodeSteps() {
        Case c = golden("llava", "image_chelsea");
        GenerationResult result = generation(c.family()).generate(c.prompt(), config(c.family()));
        assertThat(result.timings().prefillMillis()).isPositive();
        assertThat(result.timings().decodeSteps()).isEqualTo(11);
        assertThat(result.timings().decodeTokensPerSecond()).isPositive();
    }

    @Test
    void promptsOfIdsAloneAreEmbeddedByTheModel() {
        CausalLanguageModel model = GoldenLanguageModels.model("llava_onevision");
        Case c = golden("llava_onevision", "text_only");
        // text_only has no media: its inputs_embeds are embed_tokens(input_ids)
        GenerationResult result = new Generation(model, IDS).generate(Prompt.of(c.prompt().inputIds()),
                config("llava_onevision"));
        assertThat(result.tokenIds()).isEqualTo(c.newTokenIds());
    }
}
