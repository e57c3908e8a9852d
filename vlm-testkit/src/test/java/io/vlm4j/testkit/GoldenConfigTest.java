package io.vlm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ClipVisionConfig;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.LlamaConfig;
import io.vlm4j.config.LlavaConfig;
import io.vlm4j.config.LlavaNextVideoConfig;
import io.vlm4j.config.LlavaOnevisionConfig;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.config.Qwen2Config;
import io.vlm4j.config.SiglipVisionConfig;
import io.vlm4j.config.TextConfig;
import io.vlm4j.config.VideoLlavaConfig;
import io.vlm4j.config.VisionConfig;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.runtime.AutoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every checkpoint folder of the golden data parses into its family's record; keys the file has are read as
 * written, the keys it omits (real checkpoints omit those equal to HF's defaults) take the defaults of HF 4.46's
 * config classes, which this test states independently of the records.
 */
class GoldenConfigTest {
    /** HF 4.46's keyword defaults of the sub-config classes (configuration_llama/qwen2/clip/siglip.py). */
    private static final Map<String, Map<String, Object>> CLASS_DEFAULTS = Map.of(
            "llama", Map.of("vocab_size", 32000, "hidden_size", 4096, "intermediate_size", 11008,
                    "num_hidden_layers", 32, "num_attention_heads", 32, "max_position_embeddings", 2048,
                    "rms_norm_eps", 1e-6, "rope_theta", 10000.0, "tie_word_embeddings", false),
            "qwen2", Map.of("vocab_size", 151936, "hidden_size", 4096, "intermediate_size", 22016,
                    "num_hidden_layers", 32, "num_attention_heads", 32, "max_position_embeddings", 32768,
                    "rms_norm_eps", 1e-6, "rope_theta", 10000.0, "tie_word_embeddings", false),
            "clip_vision_model", Map.of("hidden_size", 768, "intermediate_size", 3072, "num_hidden_layers", 12,
                    "num_attention_heads", 12, "num_channels", 3, "image_size", 224, "patch_size", 32,
                    "hidden_act", "quick_gelu", "layer_norm_eps", 1e-5),
            "siglip_vision_model", Map.of("hidden_size", 768, "intermediate_size", 3072, "num_hidden_layers", 12,
                    "num_attention_heads", 12, "num_channels", 3, "image_size", 224, "patch_size", 16,
                    "hidden_act", "gelu_pytorch_tanh", "layer_norm_eps", 1e-6));

    static List<Path> modelFolders() {
        List<Path> out = new ArrayList<>();
        for (Path base : List.of(GoldenData.golden(), GoldenData.goldenProcessor())) {
            for (String family : GoldenData.families()) {
                Path model = base.resolve(family).resolve("model");
                if (Files.isDirectory(model)) {
                    out.add(model);
                }
            }
        }
        return out;
    }

    private static String name(Path folder) {
        return folder.getParent().getParent().getFileName() + "/" + folder.getParent().getFileName();
    }

    @Test
    void everyFamilyHasAModelFolderInBothSetsOfGoldenData() {
        assertThat(modelFolders()).hasSize(8);
    }

    @ParameterizedTest
    @MethodSource("modelFolders")
    void everyModelFolderParsesIntoTheRecordOfItsModelType(Path folder) {
        ModelConfig c = AutoConfig.fromPretrained(folder);
        Class<?> expected = Map.of("llava", LlavaConfig.class, "llava_onevision", LlavaOnevisionConfig.class,
                "llava_next_video", LlavaNextVideoConfig.class, "video_llava", VideoLlavaConfig.class)
                .get(folder.getParent().getFileName().toString());

        assertThat(c).as(name(folder)).isInstanceOf(expected);
        assertThat(c.modelType()).isEqualTo(folder.getParent().getFileName().toString());
    }

    @ParameterizedTest
    @MethodSource("modelFolders")
    void subConfigsReadTheKeysTheFileHasAndTheClassDefaultsForTheOthers(Path folder) {
        MultimodalConfig c = (MultimodalConfig) AutoConfig.fromPretrained(folder);
        TextConfig t = c.textConfig();
        VisionConfig v = c.visionConfig();
        ConfigNode tj = c.json().get("text_config");
        ConfigNode vj = c.json().get("vision_config");

        assertThat(t.modelType()).isEqualTo(tj.getString("model_type", null));
        assertThat(v.modelType()).isEqualTo(vj.getString("model_type", null));
        Map<String, Object> td = CLASS_DEFAULTS.get(t.modelType());
        Map<String, Object> vd = CLASS_DEFAULTS.get(v.modelType());
        String where = name(folder);
        assertThat(t.vocabSize()).as(where).isEqualTo(tj.getInt("vocab_size", (Integer) td.get("vocab_size")));
        assertThat(t.hiddenSize()).as(where).isEqualTo(tj.getInt("hidden_size", (Integer) td.get("hidden_size")));
        assertThat(t.intermediateSize()).as(where)
                .isEqualTo(tj.getInt("intermediate_size", (Integer) td.get("intermediate_size")));
        assertThat(t.numHiddenLayers()).as(where)
                .isEqualTo(tj.getInt("num_hidden_layers", (Integer) td.get("num_hidden_layers")));
        assertThat(t.numAttentionHeads()).as(where)
                .isEqualTo(tj.getInt("num_attention_heads", (Integer) td.get("num_attention_heads")));
        assertThat(t.maxPositionEmbeddings()).as(where)
                .isEqualTo(tj.getInt("max_position_embeddings", (Integer) td.get("max_position_embeddings")));
        assertThat(t.rmsNormEps()).as(where).isEqualTo(tj.getDouble("rms_norm_eps", (Double) td.get("rms_norm_eps")));
        assertThat(t.ropeTheta()).as(where).isEqualTo(tj.getDouble("rope_theta", (Double) td.get("rope_theta")));
        assertThat(t.tieWordEmbeddings()).as(where)
                .isEqualTo(tj.getBoolean("tie_word_embeddings", (Boolean) td.get("tie_word_embeddings")));
        int kvDefault = t.modelType().equals("qwen2") ? 32 : t.numAttentionHeads();
        assertThat(t.numKeyValueHeads()).as(where).isEqualTo(tj.getInt("num_key_value_heads", kvDefault));
        assertThat(t.headDim()).as(where).isEqualTo(tj.getInt("head_dim", t.hiddenSize() / t.numAttentionHeads()));
        assertThat(t.hiddenAct()).as(where).isEqualTo(tj.getString("hidden_act", "silu"));

        assertThat(v.hiddenSize()).as(where).isEqualTo(vj.getInt("hidden_size", (Integer) vd.get("hidden_size")));
        assertThat(v.intermediateSize()).as(where)
                .isEqualTo(vj.getInt("intermediate_size", (Integer) vd.get("intermediate_size")));
        assertThat(v.numHiddenLayers()).as(where)
                .isEqualTo(vj.getInt("num_hidden_layers", (Integer) vd.get("num_hidden_layers")));
        assertThat(v.numAttentionHeads()).as(where)
                .isEqualTo(vj.getInt("num_attention_heads", (Integer) vd.get("num_attention_heads")));
        assertThat(v.numChannels()).as(where).isEqualTo(vj.getInt("num_channels", (Integer) vd.get("num_channels")));
        assertThat(v.imageSize()).as(where).isEqualTo(vj.getInt("image_size", (Integer) vd.get("image_size")));
        assertThat(v.patchSize()).as(where).isEqualTo(vj.getInt("patch_size", (Integer) vd.get("patch_size")));
        assertThat(v.hiddenAct()).as(where).isEqualTo(vj.getString("hidden_act", (String) vd.get("hidden_act")));
        assertThat(v.layerNormEps()).as(where)
                .isEqualTo(vj.getDouble("layer_norm_eps", (Double) vd.get("layer_norm_eps")));
    }

    private static MultimodalConfig config(String base, String family) {
        Path root = base.equals("golden") ? GoldenData.golden() : GoldenData.goldenProcessor();
        return (MultimodalConfig) AutoConfig.fromPretrained(root.resolve(family).resolve("model"));
    }

    @Test
    void goldenLlavaIsAQwen2InterleaveModelWithTiedEmbeddingsAndASiglipTower() {
        LlavaConfig c = (LlavaConfig) config("golden", "llava");

        assertThat(c.imageTokenIndex()).isEqualTo(151646);
        assertThat(c.imageSeqLength()).isEqualTo(9);
        assertThat(c.visionFeatureLayer()).containsExactly(-1);
        assertThat(c.visionFeatureSelectStrategy()).isEqualTo("full");
        assertThat(c.tieWordEmbeddings()).as("absent: PretrainedConfig's default").isTrue();
        Qwen2Config t = (Qwen2Config) c.textConfig();
        assertThat(List.of(t.hiddenSize(), t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim(), t.vocabSize()))
                .containsExactly(16, 2, 1, 8, 151647);
        assertThat(t.tieWordEmbeddings()).isTrue();
        assertThat(t.bosTokenId()).hasValue(151643);
        assertThat(t.eosTokenId()).containsExactly(151645);
        assertThat(t.ropeScaling()).isEmpty();
        assertThat(t.ropeTheta()).isEqualTo(1_000_000.0);
        SiglipVisionConfig v = (SiglipVisionConfig) c.visionConfig();
        assertThat(List.of(v.hiddenSize(), v.imageSize(), v.patchSize(), v.numHiddenLayers()))
                .containsExactly(32, 42, 14, 2);
        assertThat(v.visionUseHead()).isTrue();
    }

    @Test
    void goldenOnevisionFillsEveryOmittedKeyWithHfsDefault() {
        LlavaOnevisionConfig c = (LlavaOnevisionConfig) config("golden", "llava_onevision");

        assertThat(c.imageTokenIndex()).isEqualTo(151646);
        assertThat(c.videoTokenIndex()).isEqualTo(151647);
        assertThat(c.visionAspectRatioMaxNumPatches()).isEqualTo(9);
        assertThat(c.imageGridPinpoints()).hasSize(36);
        assertThat(c.imageGridPinpoints().get(0)).isEqualTo(new ImageSize(42, 42));
        assertThat(c.imageGridPinpoints().get(5)).isEqualTo(new ImageSize(42, 252));
        assertThat(c.imageGridPinpoints().get(35)).isEqualTo(new ImageSize(252, 252));
        assertThat(c.tieWordEmbeddings()).isTrue();
        Qwen2Config t = (Qwen2Config) c.textConfig();
        assertThat(t.rmsNormEps()).as("absent from the file").isEqualTo(1e-6);
        assertThat(t.maxPositionEmbeddings()).as("absent from the file").isEqualTo(32768);
        assertThat(t.hiddenAct()).as("absent from the file").isEqualTo("silu");
        assertThat(t.slidingWindow()).isEmpty();
        assertThat(t.maxWindowLayers()).isEqualTo(2);
        assertThat(t.padTokenId()).isEmpty();
        SiglipVisionConfig v = (SiglipVisionConfig) c.visionConfig();
        assertThat(v.layerNormEps()).as("absent from the file").isEqualTo(1e-6);
        assertThat(v.hiddenAct()).as("absent from the file").isEqualTo("gelu_pytorch_tanh");
        assertThat(v.numChannels()).isEqualTo(3);
        assertThat(v.visionUseHead()).as("absent: SiglipVisionTransformer builds the head").isTrue();
    }

    @Test
    void goldenNextVideoHasLinearRopeScalingPoolingAndItsTokens() {
        LlavaNextVideoConfig c = (LlavaNextVideoConfig) config("golden", "llava_next_video");

        assertThat(c.imageTokenIndex()).isEqualTo(32001);
        assertThat(c.videoTokenIndex()).isEqualTo(32000);
        assertThat(c.padTokenId()).hasValue(32002);
        assertThat(c.spatialPoolMode()).isEqualTo("average");
        assertThat(c.spatialPoolStride()).isEqualTo(2);
        assertThat(c.imageSeqLength()).isEqualTo(64);
        assertThat(c.videoSeqLength()).isEqualTo(128);
        assertThat(c.visionFeatureLayer()).containsExactly(-2);
        assertThat(c.visionFeatureSelectStrategy()).isEqualTo("default");
        assertThat(c.imageGridPinpoints()).containsExactly(new ImageSize(56, 112), new ImageSize(112, 56),
                new ImageSize(112, 112), new ImageSize(168, 56), new ImageSize(56, 168));
        assertThat(c.tieWordEmbeddings()).isFalse();
        LlamaConfig t = (LlamaConfig) c.textConfig();
        assertThat(t.ropeScaling()).get().satisfies(r -> {
            assertThat(r.ropeType()).isEqualTo("linear");
            assertThat(r.factor()).hasValue(2.0);
        });
        assertThat(List.of(t.hiddenSize(), t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim()))
                .containsExactly(24, 3, 3, 8);
        assertThat(t.rmsNormEps()).isEqualTo(1e-5);
        assertThat(t.tieWordEmbeddings()).isFalse();
        assertThat(t.bosTokenId()).hasValue(1);
        assertThat(t.eosTokenId()).containsExactly(2);
        assertThat(t.padTokenId()).hasValue(0);
        ClipVisionConfig v = (ClipVisionConfig) c.visionConfig();
        assertThat(List.of(v.imageSize(), v.patchSize(), v.hiddenSize(), v.numHiddenLayers()))
                .containsExactly(56, 7, 32, 3);
        assertThat(v.hiddenAct()).isEqualTo("quick_gelu");
        assertThat(c.spatialPoolOutChannels()).isEqualTo(32);
    }

    @Test
    void goldenVideoLlavaTakesLlamasDefaultsForItsOmittedKeys() {
        VideoLlavaConfig c = (VideoLlavaConfig) config("golden", "video_llava");

        assertThat(c.imageTokenIndex()).isEqualTo(32000);
        assertThat(c.videoTokenIndex()).isEqualTo(32001);
        assertThat(c.imageSeqLength()).isEqualTo(9);
        assertThat(c.videoSeqLength()).isEqualTo(80);
        assertThat(c.padTokenId()).hasValue(32002);
        assertThat(c.tieWordEmbeddings()).as("absent: PretrainedConfig's default").isTrue();
        LlamaConfig t = (LlamaConfig) c.textConfig();
        assertThat(t.tieWordEmbeddings()).as("absent: LlamaConfig's default").isFalse();
        assertThat(t.bosTokenId()).as("absent: LlamaConfig's default").hasValue(1);
        assertThat(t.eosTokenId()).as("absent: LlamaConfig's default").containsExactly(2);
        assertThat(t.ropeTheta()).isEqualTo(10000.0);
        assertThat(t.ropeScaling()).isEmpty();
        assertThat(t.headDim()).isEqualTo(8);
        assertThat(t.maxPositionEmbeddings()).isEqualTo(4096);
        assertThat(List.of(t.attentionBias(), t.mlpBias())).containsOnly(false);
        ClipVisionConfig v = (ClipVisionConfig) c.visionConfig();
        assertThat(v.layerNormEps()).as("absent: CLIPVisionConfig's default").isEqualTo(1e-5);
        assertThat(v.hiddenAct()).as("absent: CLIPVisionConfig's default").isEqualTo("quick_gelu");
        assertThat(v.projectionDim()).isEqualTo(16);
    }

    @Test
    void realSizeNextVideoConfigScalesRopeByTwoWithTypeOnly() {
        LlavaNextVideoConfig c = (LlavaNextVideoConfig) config("golden-processor", "llava_next_video");

        assertThat(c.textConfig().ropeScaling()).get().satisfies(r -> {
            assertThat(r.ropeType()).isEqualTo("linear");
            assertThat(r.factor()).hasValue(2.0);
        });
        assertThat(c.textConfig().headDim()).isEqualTo(128);
        assertThat(c.imageGridPinpoints()).hasSize(5).startsWith(new ImageSize(336, 672));
        assertThat(c.videoSeqLength()).as("absent: HF's default").isEqualTo(288);
    }

    @Test
    void realSizeOnevisionAndInterleaveHaveGroupedKeyValueHeads() {
        for (String family : List.of("llava", "llava_onevision")) {
            TextConfig t = config("golden-processor", family).textConfig();
            assertThat(List.of(t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim())).as(family)
                    .containsExactly(14, 2, 64);
            SiglipVisionConfig v = (SiglipVisionConfig) config("golden-processor", family).visionConfig();
            assertThat(v.visionUseHead()).as(family).isFalse();
            assertThat(v.numHiddenLayers()).as(family).isEqualTo(26);
        }
    }

    @Test
    void goldenGenerationConfigsGiveTheirTokensAsWritten() {
        Map<String, List<Integer>> eos = Map.of("llava", List.of(151645), "llava_onevision", List.of(151645, 151643),
                "llava_next_video", List.of(2), "video_llava", List.of(2));
        for (String family : GoldenData.families()) {
            GenerationConfig g = AutoConfig.generationConfig(GoldenData.model(family));
            assertThat(g.eosTokenIds()).as(family).isEqualTo(eos.get(family));
            assertThat(g.maxNewTokens()).as(family).isEqualTo(20);
            assertThat(g.doSample()).as(family).isFalse();
        }
        assertThat(AutoConfig.generationConfig(GoldenData.model("llava_next_video")).padTokenId()).hasValue(32002);
        assertThat(AutoConfig.generationConfig(GoldenData.model("llava_onevision")).bosTokenId()).hasValue(151643);
        assertThat(AutoConfig.generationConfig(GoldenData.model("llava")).padTokenId()).isEmpty();
    }

    @Test
    void foldersWithoutAGenerationFileDeriveOneFromTheirConfig() {
        Path processor = GoldenData.goldenProcessor();
        GenerationConfig nextVideo = AutoConfig.generationConfig(processor.resolve("llava_next_video/model"));
        GenerationConfig onevision = AutoConfig.generationConfig(processor.resolve("llava_onevision/model"));

        assertThat(nextVideo.padTokenId()).as("top level").hasValue(32002);
        assertThat(nextVideo.bosTokenId()).as("LlamaConfig's default").hasValue(1);
        assertThat(nextVideo.eosTokenIds()).as("LlamaConfig's default").containsExactly(2);
        assertThat(onevision.bosTokenId()).as("text_config").hasValue(151643);
        assertThat(onevision.eosTokenIds()).as("text_config").containsExactly(151645);
        assertThat(onevision.padTokenId()).isEmpty();
    }
}
