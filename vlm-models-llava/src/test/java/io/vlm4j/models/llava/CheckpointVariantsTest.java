package io.vlm4j.models.llava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.CheckpointFormatException;
import io.vlm4j.ConfigException;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.generation.FinishReason;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoModel;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.runtime.Registries;
import io.vlm4j.runtime.generation.Detokenizer;
import io.vlm4j.runtime.generation.Generation;
import io.vlm4j.runtime.generation.Prompt;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.MemoryUsage;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.PngImages;
import io.vlm4j.testkit.ProcessorCase;
import io.vlm4j.testkit.checkpoint.CheckpointWriter;
import io.vlm4j.testkit.checkpoint.DecoderSpec;
import io.vlm4j.testkit.checkpoint.VisionSpec;
import io.vlm4j.testkit.checkpoint.VlmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configurations the golden checkpoints do not cover, on random-weight tiny checkpoints written by the
 * testkit: a llava-1.5-style CLIP tower with the {@code "default"} strategy and {@code vision_feature_layer -2},
 * several feature layers side by side, LLaVA-NeXT-Video on Qwen2 with each pooling mode, OneVision with other
 * tile sizes, an odd feature grid and the anyres_max reduction. Each runs from messages to generated tokens with
 * the shapes and placeholder counts the configuration implies (counted here, independently of the processors).
 */
class CheckpointVariantsTest {
    private static final String[] CLIP_MEAN = {"0.48145466", "0.4578275", "0.40821073"};
    private static final String[] CLIP_STD = {"0.26862954", "0.26130258", "0.27577711"};

    private static Backend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = Registries.defaults().backends().find("djl").orElseThrow().create(new BackendOptions("cpu", 1));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static RgbImage chelsea() {
        return PngImages.decode(GoldenData.golden().resolve("images/chelsea.png"));
    }

    private static RgbImage card() {
        return PngImages.decode(GoldenData.goldenProcessor().resolve("images/card_chelsea_1500x1100.png"));
    }

    private static VideoFrames catFrames() {
        return ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/video_cat")).frames().get(0);
    }

    private static List<Double> floats(String... values) {
        List<Double> out = new ArrayList<>();
        for (String v : values) {
            out.add(Double.parseDouble(v));
        }
        return out;
    }

    private static List<List<Integer>> pinpoints(int tile, int max) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 1; i <= max; i++) {
            for (int j = 1; j <= max; j++) {
                out.add(List.of(tile * i, tile * j));
            }
        }
        return out;
    }

    /** What one conversation gives on a checkpoint: its batch, each item's features, the embeddings, 4 tokens. */
    record Run(BatchFeature batch, List<int[]> featureShapes, int[] embedsShape, GenerationResult result,
            int hiddenSize) {}

    private Run run(Path checkpoint, Conversation conversation) {
        try (Processor processor = AutoProcessor.fromPretrained(checkpoint);
                VisionLanguageModel model = AutoModel.fromPretrained(checkpoint, backend, Registries.defaults())) {
            BatchFeature batch = processor.apply(conversation, ChatOptions.defaults());
            List<int[]> featureShapes = new ArrayList<>();
            int[] embedsShape;
            MemoryUsage before = backend.memoryUsage();
            try (Scope scope = model.newScope()) {
                for (Tensor f : model.mediaFeatures(scope, batch)) {
                    featureShapes.add(f.shape());
                }
                embedsShape = model.inputsEmbeds(scope, batch).shape();
            }
            GenerationResult result = new Generation(model, Detokenizer.of(processor.tokenizer()))
                    .generate(Prompt.of(batch.ids(0), s -> model.inputsEmbeds(s, batch)), GenerationConfig.greedy(4));
            assertThat(backend.memoryUsage()).as("native memory after the run").isEqualTo(before);
            return new Run(batch, featureShapes, embedsShape, result, model.hiddenSize());
        }
    }

    private static void assertRan(Run run, int... tokenCounts) {
        List<MediaItem> media = run.batch().media();
        assertThat(media.stream().mapToInt(MediaItem::tokenCount).toArray()).as("placeholder tokens per item")
                .containsExactly(tokenCounts);
        for (int i = 0; i < media.size(); i++) {
            assertThat(run.featureShapes().get(i)).as("features of %s", media.get(i))
                    .containsExactly(tokenCounts[i], run.hiddenSize());
        }
        assertThat(run.embedsShape()).containsExactly(1, run.batch().sequenceLength(), run.hiddenSize());
        assertThat(run.result().tokenIds()).hasSize(4);
        assertThat(run.result().finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    // -------------------------------------------------------------------------------------------------------------
    // llava: a llava-1.5-style CLIP checkpoint

    /** CLIP 28 px / patch 14 (2x2 patches + CLS), Llama with the real Llama-2 vocabulary. */
    private Path llava15(Object visionFeatureLayer, String strategy) {
        DecoderSpec text = new DecoderSpec("llama", 32064, 24, 56, 2, 3, 3, false, 10000.0, 1e-5, 4096);
        VisionSpec vision = new VisionSpec(VisionSpec.CLIP, 32, 37, 3, 4, 28, 14);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("image_token_index", 32000);
        config.put("vision_feature_layer", visionFeatureLayer);
        config.put("vision_feature_select_strategy", strategy);
        config.put("image_seq_length", 4);
        Map<String, Object> preprocessor = new LinkedHashMap<>();
        preprocessor.put("image_processor_type", "CLIPImageProcessor");
        preprocessor.put("size", Map.of("shortest_edge", 28));
        preprocessor.put("crop_size", Map.of("height", 28, "width", 28));
        preprocessor.put("do_center_crop", true);
        preprocessor.put("resample", 3);
        preprocessor.put("image_mean", floats(CLIP_MEAN));
        preprocessor.put("image_std", floats(CLIP_STD));
        Map<String, Object> processor = Map.of("processor_class", "LlavaProcessor", "patch_size", 14,
                "vision_feature_select_strategy", strategy);
        Path checkpoint = dir.resolve("llava15");
        CheckpointWriter.writeVlm(checkpoint, new VlmSpec("llava", text, vision, config,
                GoldenData.model("video_llava"), preprocessor, processor), DType.F16, 5);
        return checkpoint;
    }

    @Test
    void aClipCheckpointWithTheDefaultStrategyAndLayerMinus2DropsTheClassTokenPerImageAndFrame() {
        Run run = run(llava15(-2, "default"), Conversation.of(Message.user(Content.image(chelsea()),
                Content.video(catFrames()), Content.text("What is this?"))));

        // (28 / 14)^2 + 1 - 1 per image; the video's 8 frames are 8 image items
        int[] counts = new int[9];
        java.util.Arrays.fill(counts, 4);
        assertRan(run, counts);
        assertThat(run.batch().media()).allMatch(m -> m.kind() == MediaKind.IMAGE);
    }

    @Test
    void theFullStrategyKeepsTheClassToken() {
        Run run = run(llava15(-2, "full"), Conversation.of(Message.user(Content.image(chelsea()),
                Content.text("What is this?"))));

        assertRan(run, 5);
    }

    @Test
    void severalFeatureLayersGoSideBySideIntoAWiderProjector() {
        Run run = run(llava15(List.of(-3, -1), "default"), Conversation.of(Message.user(Content.image(chelsea()),
                Content.text("What is this?"))));

        assertRan(run, 4);
    }

    @Test
    void aProjectorOfAnotherWidthIsACheckpointErrorNamingTheParameter() throws Exception {
        Path checkpoint = llava15(-2, "default");
        String config = Files.readString(checkpoint.resolve("config.json"));
        Files.writeString(checkpoint.resolve("config.json"),
                config.replace("\"vision_feature_layer\":-2", "\"vision_feature_layer\":[-2,-1]"));
        MemoryUsage before = backend.memoryUsage();

        assertThatThrownBy(() -> AutoModel.fromPretrained(checkpoint, backend, Registries.defaults()))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("multi_modal_projector.linear_1.weight").hasMessageContaining("[24, 64]");
        assertThat(backend.memoryUsage()).as("nothing of the failed load is kept").isEqualTo(before);
    }

    // -------------------------------------------------------------------------------------------------------------
    // llava_next_video on Qwen2 ("LlavaNextVideo2")

    /** CLIP 32 px / patch 4 (8x8; 32 // 16 = 2 keeps HF's pooler dividing), Qwen2 with the real vocabulary. */
    private Path nextVideoQwen2(String spatialPoolMode) {
        return nextVideoQwen2(spatialPoolMode, new VisionSpec(VisionSpec.CLIP, 32, 37, 2, 4, 32, 4),
                List.of(List.of(32, 64), List.of(64, 32), List.of(64, 64)));
    }

    private Path nextVideoQwen2(String spatialPoolMode, VisionSpec vision, List<List<Integer>> pinpoints) {
        DecoderSpec text = new DecoderSpec("qwen2", 151648, 16, 40, 2, 2, 1, true, 1e6, 1e-6, 32768);
        int size = vision.imageSize();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("image_token_index", 151646);
        config.put("video_token_index", 151647);
        config.put("vision_feature_layer", -2);
        config.put("vision_feature_select_strategy", "default");
        config.put("image_grid_pinpoints", pinpoints);
        config.put("spatial_pool_mode", spatialPoolMode);
        config.put("spatial_pool_stride", 2);
        config.put("image_seq_length", 64);
        config.put("video_seq_length", 16);
        Map<String, Object> preprocessor = new LinkedHashMap<>();
        preprocessor.put("image_processor_type", "LlavaNextImageProcessor");
        preprocessor.put("size", Map.of("shortest_edge", size));
        preprocessor.put("crop_size", Map.of("height", size, "width", size));
        preprocessor.put("image_grid_pinpoints", config.get("image_grid_pinpoints"));
        preprocessor.put("do_center_crop", true);
        preprocessor.put("do_pad", true);
        preprocessor.put("resample", 3);
        preprocessor.put("image_mean", floats(CLIP_MEAN));
        preprocessor.put("image_std", floats(CLIP_STD));
        Map<String, Object> processor = Map.of("processor_class", "LlavaNextVideoProcessor", "patch_size",
                vision.patchSize(), "vision_feature_select_strategy", "default");
        Path checkpoint = dir.resolve("next-video-qwen2-" + spatialPoolMode + "-" + size);
        CheckpointWriter.writeVlm(checkpoint, new VlmSpec("llava_next_video", text, vision, config,
                GoldenData.model("llava_onevision"), preprocessor, processor), DType.BF16, 6);
        return checkpoint;
    }

    @ParameterizedTest(name = "{0} pooling")
    @ValueSource(strings = {"average", "max", "conv"})
    void nextVideoOnQwen2PoolsEachFrameToAQuarterWithoutANewline(String mode) {
        Run run = run(nextVideoQwen2(mode), Conversation.of(Message.user(Content.image(chelsea()),
                Content.video(catFrames()), Content.text("Describe both."))));

        MediaItem image = run.batch().media(MediaKind.IMAGE).get(0);
        // 451x300 fits best in [64, 64] (2x2 tiles of 8x8 features: a 16x16 grid); wider than the grid, so rows go:
        // int(300 * (16 / 451)) = 10 rows kept; 10 x 16 features, 10 newlines, the base tile's 8x8 (CLS dropped)
        int imageTokens = 10 * 16 + 10 + 8 * 8;
        // (32 / 4)^2 / 4 per frame, 8 frames, no newline
        assertRan(run, imageTokens, 16 * 8);
        assertThat(image.anyres().tiles()).hasToString("2x2");
    }

    @Test
    void nextVideoFailsAsHfWhereItsModelAndItsProcessorUnpadDifferently() {
        // the real tile and patch (336 / 14) with NeXT-Video's default pinpoints; a 110x176 (w x h) image fits
        // [336, 672]: a 24x48 grid whose columns HF's model unpads to int(110 * (24 / 176)) = 14 (float) where the
        // processor counts (110 * 24) // 176 = 15, so 16 columns (golden-processor README, "Things found" 2)
        Path checkpoint = nextVideoQwen2("average", new VisionSpec(VisionSpec.CLIP, 32, 37, 1, 4, 336, 14),
                List.of(List.of(336, 672), List.of(672, 336), List.of(672, 672), List.of(1008, 336),
                        List.of(336, 1008)));
        RgbImage image = new RgbImage(110, 176, new byte[110 * 176 * 3]);

        assertThatThrownBy(() -> run(checkpoint, Conversation.of(Message.user(Content.image(image),
                Content.text("What is this?"))))).isInstanceOf(MediaMismatchException.class)
                .hasMessage("Image features and image tokens do not match: tokens: " + (24 * 16 + 24 + 576)
                        + ", features " + (24 * 14 + 24 + 576));
    }

    @Test
    void nextVideoWithAnImageSizeBelowPatchSquaredFailsOnVideosAsHfsPoolerDoes() {
        // golden README behaviour 3: LlavaNextVideoPooler divides by 28 // 7**2 = 0
        Path checkpoint = nextVideoQwen2("average", new VisionSpec(VisionSpec.CLIP, 32, 37, 1, 4, 28, 7),
                List.of(List.of(28, 56), List.of(56, 28)));

        assertThatThrownBy(() -> run(checkpoint, Conversation.of(Message.user(Content.video(catFrames()),
                Content.text("What happens?"))))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("image_size // patch_size**2 = 28 // 7**2 = 0")
                .hasMessageContaining("ZeroDivisionError");
    }

    // -------------------------------------------------------------------------------------------------------------
    // llava_onevision with other grids

    /** SigLIP {@code imageSize} / patch 14, pinpoints of 1 to 4 tiles each way, Qwen2. */
    private Path onevision(int imageSize) {
        DecoderSpec text = new DecoderSpec("qwen2", 151648, 16, 40, 2, 2, 1, true, 1e6, 1e-6, 32768);
        VisionSpec vision = new VisionSpec(VisionSpec.SIGLIP, 32, 48, 2, 4, imageSize, 14);
        int side = imageSize / 14;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("image_token_index", 151646);
        config.put("video_token_index", 151647);
        config.put("vision_feature_layer", -1);
        config.put("vision_feature_select_strategy", "full");
        config.put("image_grid_pinpoints", pinpoints(imageSize, 4));
        Map<String, Object> preprocessor = new LinkedHashMap<>();
        preprocessor.put("image_processor_type", "LlavaOnevisionImageProcessor");
        preprocessor.put("size", Map.of("height", imageSize, "width", imageSize));
        preprocessor.put("image_grid_pinpoints", config.get("image_grid_pinpoints"));
        preprocessor.put("do_pad", true);
        preprocessor.put("resample", 3);
        preprocessor.put("image_mean", List.of(0.5, 0.5, 0.5));
        preprocessor.put("image_std", List.of(0.5, 0.5, 0.5));
        Map<String, Object> processor = Map.of("processor_class", "LlavaOnevisionProcessor", "num_image_tokens",
                side * side, "vision_feature_select_strategy", "full");
        Path checkpoint = dir.resolve("onevision-" + imageSize);
        CheckpointWriter.writeVlm(checkpoint, new VlmSpec("llava_onevision", text, vision, config,
                GoldenData.model("llava_onevision"), preprocessor, processor), DType.BF16, 7);
        return checkpoint;
    }

    @Test
    void oneVisionWithAnOddFeatureGridPoolsFramesRoundingUpAndEndsTheVideoWithANewline() {
        Run run = run(onevision(70), Conversation.of(Message.user(Content.video(catFrames()),
                Content.text("What happens?"))));

        // 5x5 features per frame → ceil(5 / 2)^2 = 9, 8 frames, one newline
        assertRan(run, 8 * 9 + 1);
    }

    @Test
    void oneVisionShrinksAGridOfMoreThanNineTilesWorthByAnyresMax() {
        Run run = run(onevision(28), Conversation.of(Message.user(Content.image(card()), Content.image(chelsea()),
                Content.text("Compare them."))));

        List<MediaItem> images = run.batch().media(MediaKind.IMAGE);
        MediaItem big = images.get(0);
        assertThat(big.anyres().packed().area()).as("the card's grid is reduced")
                .isLessThan(big.anyres().unpadded().area());
        int[] counts = images.stream().mapToInt(m -> 4 + m.anyres().packed().area() + m.anyres().packed().rows())
                .toArray();
        assertRan(run, counts);
    }
}
