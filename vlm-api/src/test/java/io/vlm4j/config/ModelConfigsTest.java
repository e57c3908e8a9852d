package io.vlm4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.UnsupportedModelException;
import io.vlm4j.processing.ImageSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composite configs: HF's defaults for absent keys and sub-configs, dispatch, and errors naming paths. */
class ModelConfigsTest {
    private static ModelConfig parse(String json) {
        return ModelConfigs.parse(ConfigNode.parse(json, "config.json"));
    }

    @Test
    void aBareLlavaConfigIsLlava15WithHfsDefaults() {
        LlavaConfig c = (LlavaConfig) parse("{\"model_type\": \"llava\"}");

        assertThat(c.modelType()).isEqualTo("llava");
        assertThat(c.ignoreIndex()).isEqualTo(-100);
        assertThat(c.imageTokenIndex()).isEqualTo(32000);
        assertThat(c.projectorHiddenAct()).isEqualTo("gelu");
        assertThat(c.visionFeatureSelectStrategy()).isEqualTo("default");
        assertThat(c.visionFeatureLayer()).containsExactly(-2);
        assertThat(c.imageSeqLength()).isEqualTo(576);
        assertThat(c.tieWordEmbeddings()).as("PretrainedConfig's default: LlavaConfig has no such parameter")
                .isTrue();
        assertThat(c.padTokenId()).isEmpty();
        assertThat(c.visionConfig()).isEqualTo(ClipVisionConfig.fromJson(c.visionConfig().json()));
        ClipVisionConfig v = (ClipVisionConfig) c.visionConfig();
        assertThat(List.of(v.hiddenSize(), v.intermediateSize(), v.projectionDim(), v.numHiddenLayers(),
                v.numAttentionHeads(), v.numChannels(), v.imageSize(), v.patchSize()))
                .containsExactly(1024, 4096, 768, 24, 16, 3, 336, 14);
        assertThat(v.hiddenAct()).isEqualTo("quick_gelu");
        assertThat(v.layerNormEps()).isEqualTo(1e-5);
        assertThat(v.json().path()).isEqualTo("$.vision_config");
        assertThat(v.json().getInt("vocab_size", 0)).as("HF passes vocab_size=32000 to the default tower")
                .isEqualTo(32000);
        LlamaConfig t = (LlamaConfig) c.textConfig();
        assertThat(List.of(t.vocabSize(), t.hiddenSize(), t.intermediateSize(), t.numHiddenLayers(),
                t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim(), t.maxPositionEmbeddings(),
                t.pretrainingTp())).containsExactly(32000, 4096, 11008, 32, 32, 32, 128, 2048, 1);
        assertThat(t.rmsNormEps()).isEqualTo(1e-6);
        assertThat(t.ropeTheta()).isEqualTo(10000.0);
        assertThat(t.ropeScaling()).isEmpty();
        assertThat(t.tieWordEmbeddings()).isFalse();
        assertThat(t.bosTokenId()).hasValue(1);
        assertThat(t.eosTokenId()).containsExactly(2);
        assertThat(t.padTokenId()).isEmpty();
        assertThat(List.of(t.attentionBias(), t.mlpBias(), t.qkvProjBias(), t.oProjBias())).containsOnly(false);
        assertThat(t.hiddenAct()).isEqualTo("silu");
    }

    @Test
    void aLlavaOnevisionConfigWithoutPinpointsTakesTheThirtySixDefaultGrids() {
        LlavaOnevisionConfig c = (LlavaOnevisionConfig) parse(
                "{\"model_type\": \"llava_onevision\", \"vision_config\": {\"num_attention_heads\": 16}}");

        assertThat(c.imageTokenIndex()).isEqualTo(151646);
        assertThat(c.videoTokenIndex()).isEqualTo(151647);
        assertThat(c.visionFeatureSelectStrategy()).isEqualTo("full");
        assertThat(c.visionFeatureLayer()).containsExactly(-1);
        assertThat(c.visionAspectRatio()).isEqualTo("anyres_max_9");
        assertThat(c.visionAspectRatioMaxNumPatches()).isEqualTo(9);
        assertThat(c.tieWordEmbeddings()).isFalse();
        assertThat(c.imageGridPinpoints()).hasSize(36);
        assertThat(c.imageGridPinpoints().get(0)).isEqualTo(new ImageSize(384, 384));
        assertThat(c.imageGridPinpoints().get(1)).isEqualTo(new ImageSize(384, 768));
        assertThat(c.imageGridPinpoints().get(6)).isEqualTo(new ImageSize(768, 384));
        assertThat(c.imageGridPinpoints().get(35)).isEqualTo(new ImageSize(2304, 2304));
        SiglipVisionConfig v = (SiglipVisionConfig) c.visionConfig();
        assertThat(List.of(v.hiddenSize(), v.intermediateSize(), v.numHiddenLayers(), v.numChannels(),
                v.imageSize(), v.patchSize())).containsExactly(768, 3072, 12, 3, 224, 16);
        assertThat(v.hiddenAct()).isEqualTo("gelu_pytorch_tanh");
        assertThat(v.layerNormEps()).isEqualTo(1e-6);
        assertThat(v.visionUseHead()).isTrue();
        Qwen2Config t = (Qwen2Config) c.textConfig();
        assertThat(List.of(t.vocabSize(), t.hiddenSize(), t.intermediateSize(), t.numHiddenLayers(),
                t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim(), t.maxPositionEmbeddings(),
                t.maxWindowLayers())).containsExactly(151936, 4096, 22016, 32, 32, 32, 128, 32768, 28);
        assertThat(t.bosTokenId()).isEmpty();
        assertThat(t.eosTokenId()).isEmpty();
        assertThat(t.tieWordEmbeddings()).isFalse();
        assertThat(t.useSlidingWindow()).isFalse();
        assertThat(t.slidingWindow()).as("sliding_window counts only with use_sliding_window").isEmpty();
        assertThat(List.of(t.qkvProjBias(), t.oProjBias(), t.mlpBias())).containsExactly(true, false, false);
    }

    @Test
    void theDefaultOnevisionTowerCannotBeBuiltAndSaysWhy() {
        // HF's default SiglipVisionConfig(hidden_size=1152, num_attention_heads=14) fails SiglipAttention's check
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava_onevision\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.vision_config.num_attention_heads: expected a divisor of hidden_size "
                        + "(1152), got 14");
    }

    @Test
    void aBareLlavaNextVideoConfigHasHfsPoolingAndSequenceDefaults() {
        LlavaNextVideoConfig c = (LlavaNextVideoConfig) parse("{\"model_type\": \"llava_next_video\"}");

        assertThat(c.imageTokenIndex()).isEqualTo(32001);
        assertThat(c.videoTokenIndex()).isEqualTo(32000);
        assertThat(c.spatialPoolMode()).isEqualTo("average");
        assertThat(c.spatialPoolStride()).isEqualTo(2);
        assertThat(c.spatialPoolOutChannels()).as("the tower's hidden_size").isEqualTo(1024);
        assertThat(c.imageSeqLength()).isEqualTo(576);
        assertThat(c.videoSeqLength()).isEqualTo(288);
        assertThat(c.ignoreIndex()).isEqualTo(-100);
        assertThat(c.tieWordEmbeddings()).isFalse();
        assertThat(c.visionFeatureLayer()).containsExactly(-2);
        assertThat(c.visionFeatureSelectStrategy()).isEqualTo("default");
        assertThat(c.imageGridPinpoints()).containsExactly(new ImageSize(336, 672), new ImageSize(672, 336),
                new ImageSize(672, 672), new ImageSize(1008, 336), new ImageSize(336, 1008));
        assertThat(c.visionConfig().imageSize()).isEqualTo(336);
        assertThat(c.textConfig()).isInstanceOf(LlamaConfig.class);
    }

    @Test
    void aBareVideoLlavaConfigHasA224PixelTowerAndHfsSequenceLengths() {
        VideoLlavaConfig c = (VideoLlavaConfig) parse("{\"model_type\": \"video_llava\"}");

        assertThat(c.imageTokenIndex()).isEqualTo(32000);
        assertThat(c.videoTokenIndex()).isEqualTo(32001);
        assertThat(c.imageSeqLength()).isEqualTo(256);
        assertThat(c.videoSeqLength()).isEqualTo(2056);
        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.visionConfig().imageSize()).isEqualTo(224);
        assertThat(c.visionConfig().hiddenSize()).isEqualTo(1024);
        assertThat(c.textConfig()).isInstanceOf(LlamaConfig.class);
    }

    @Test
    void aSubConfigWithoutModelTypeTakesItsFamilysDefaultType() {
        LlavaOnevisionConfig ov = (LlavaOnevisionConfig) parse("{\"model_type\": \"llava_onevision\", "
                + "\"vision_config\": {\"hidden_size\": 32, \"num_attention_heads\": 4}, \"text_config\": {}}");
        LlavaConfig llava = (LlavaConfig) parse(
                "{\"model_type\": \"llava\", \"vision_config\": {}, \"text_config\": {}}");

        assertThat(ov.visionConfig()).isInstanceOf(SiglipVisionConfig.class);
        assertThat(ov.textConfig()).isInstanceOf(Qwen2Config.class);
        assertThat(ov.textConfig().modelType()).isEqualTo("qwen2");
        assertThat(llava.visionConfig()).isInstanceOf(ClipVisionConfig.class);
        assertThat(llava.visionConfig().patchSize()).as("a present vision_config takes the class defaults")
                .isEqualTo(32);
        assertThat(llava.textConfig()).isInstanceOf(LlamaConfig.class);
    }

    @Test
    void subConfigsDispatchOnTheirOwnModelType() {
        LlavaConfig c = (LlavaConfig) parse("{\"model_type\": \"llava\", "
                + "\"vision_config\": {\"model_type\": \"siglip_vision_model\", \"hidden_size\": 32, "
                + "\"num_attention_heads\": 4}, \"text_config\": {\"model_type\": \"qwen2\", \"hidden_size\": 16, "
                + "\"num_attention_heads\": 2, \"num_key_value_heads\": 1}}");

        assertThat(c.visionConfig()).isInstanceOf(SiglipVisionConfig.class);
        assertThat(c.textConfig()).isInstanceOf(Qwen2Config.class);
        assertThat(c.textConfig().headDim()).isEqualTo(8);
        assertThat(c.textConfig().numKeyValueHeads()).isEqualTo(1);
    }

    @Test
    void anUnknownTopLevelModelTypeNamesItAndTheKnownOnes() {
        assertThatThrownBy(() -> parse("{\"model_type\": \"mllama\"}"))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("config.json $.model_type")
                .hasMessageContaining("'mllama'")
                .hasMessageContaining("llava, llava_onevision, llava_next_video, video_llava");
    }

    @Test
    void anUnknownSubConfigModelTypeNamesItsPath() {
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava\", \"text_config\": {\"model_type\": \"mistral\"}}"))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("config.json $.text_config.model_type")
                .hasMessageContaining("'mistral'")
                .hasMessageContaining("llama, qwen2");
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava\", \"vision_config\": {\"model_type\": \"clip\"}}"))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("config.json $.vision_config.model_type")
                .hasMessageContaining("clip_vision_model, siglip_vision_model");
    }

    @Test
    void aConfigWithoutModelTypeIsAnError() {
        assertThatThrownBy(() -> parse("{\"hidden_size\": 16}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json $.model_type: expected a string naming the model type");
    }

    @Test
    void aSubConfigThatIsNotAnObjectIsAnError() {
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava\", \"text_config\": \"llama\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.text_config: expected an object (a sub-config), got \"llama\"");
    }

    @Test
    void aSelectStrategyOtherThanDefaultOrFullIsRefusedAsHfDoes() {
        for (String type : List.of("llava", "llava_next_video", "video_llava")) {
            assertThatThrownBy(() -> parse("{\"model_type\": \"" + type
                    + "\", \"vision_feature_select_strategy\": \"cls\"}"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("config.json $.vision_feature_select_strategy: expected one of 'default', 'full', "
                            + "got \"cls\"");
        }
    }

    @Test
    void visionFeatureLayerIsAnIntegerOrAListOfIntegers() {
        LlavaConfig one = (LlavaConfig) parse("{\"model_type\": \"llava\", \"vision_feature_layer\": -3}");
        LlavaConfig several = (LlavaConfig) parse("{\"model_type\": \"llava\", \"vision_feature_layer\": [-2, -5]}");

        assertThat(one.visionFeatureLayer()).containsExactly(-3);
        assertThat(several.visionFeatureLayer()).containsExactly(-2, -5);
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava\", \"vision_feature_layer\": [-2, \"x\"]}"))
                .hasMessage("config.json $.vision_feature_layer[1]: expected an integer, got \"x\"");
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava\", \"vision_feature_layer\": \"last\"}"))
                .hasMessage("config.json $.vision_feature_layer: expected an integer or a list of integers, got \"last\"");
    }

    @Test
    void visionFeatureLayerMustIndexTheTowersHiddenStates() {
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava\", \"vision_feature_layer\": -26}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.vision_feature_layer: expected layer indices within -25..24 (the vision "
                        + "tower's 25 hidden states), got -26");
        assertThat(((LlavaConfig) parse("{\"model_type\": \"llava\", \"vision_feature_layer\": -25}"))
                .visionFeatureLayer()).containsExactly(-25);
    }

    @Test
    void aBadPinpointNamesItsIndex() {
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava_next_video\", "
                + "\"image_grid_pinpoints\": [[336, 672], [672]]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.image_grid_pinpoints[1]: expected a [height, width] pair of integers > 0, "
                        + "got [672]");
    }

    @Test
    void pinpointsAreHeightThenWidth() {
        LlavaNextVideoConfig c = (LlavaNextVideoConfig) parse("{\"model_type\": \"llava_next_video\", "
                + "\"image_grid_pinpoints\": [[336, 672]]}");

        assertThat(c.imageGridPinpoints()).containsExactly(new ImageSize(336, 672));
        assertThat(c.imageGridPinpoints().get(0).height()).isEqualTo(336);
    }

    @Test
    void anUnknownPoolingModeIsRefusedNamingTheModes() {
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava_next_video\", \"spatial_pool_mode\": \"sum\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.spatial_pool_mode: expected one of 'average', 'max', 'conv', got \"sum\"");
        assertThatThrownBy(() -> parse("{\"model_type\": \"llava_next_video\", \"spatial_pool_stride\": 0}"))
                .hasMessage("config.json $.spatial_pool_stride: expected an integer > 0, got 0");
    }

    @Test
    void spatialPoolOutChannelsIsReadWhenPresent() {
        LlavaNextVideoConfig c = (LlavaNextVideoConfig) parse("{\"model_type\": \"llava_next_video\", "
                + "\"spatial_pool_mode\": \"conv\", \"spatial_pool_out_channels\": 512}");

        assertThat(c.spatialPoolOutChannels()).isEqualTo(512);
    }

    @Test
    void visionAspectRatioIsReadAsPythonsStripThenInt() {
        String head = "{\"model_type\": \"llava_onevision\", \"vision_config\": {\"num_attention_heads\": 16}, ";

        assertThat(((LlavaOnevisionConfig) parse(head + "\"vision_aspect_ratio\": \"anyres_max_4\"}"))
                .visionAspectRatioMaxNumPatches()).isEqualTo(4);
        assertThat(((LlavaOnevisionConfig) parse(head + "\"vision_aspect_ratio\": \"anyres_max_12\"}"))
                .visionAspectRatioMaxNumPatches()).isEqualTo(12);
        assertThatThrownBy(() -> parse(head + "\"vision_aspect_ratio\": \"anyres\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.vision_aspect_ratio: expected \"anyres_max_N\" with N an integer > 0, "
                        + "got \"anyres\"");
    }

    @Test
    void topLevelAndTextTieWordEmbeddingsAreKeptApart() {
        LlavaNextVideoConfig c = (LlavaNextVideoConfig) parse("{\"model_type\": \"llava_next_video\", "
                + "\"tie_word_embeddings\": true, \"text_config\": {\"tie_word_embeddings\": false}}");

        assertThat(c.tieWordEmbeddings()).isTrue();
        assertThat(c.textConfig().tieWordEmbeddings()).isFalse();
    }

    @Test
    void unknownKeysAreKeptAtEveryLevel() {
        LlavaConfig c = (LlavaConfig) parse("{\"model_type\": \"llava\", \"multimodal_projector_bias\": false, "
                + "\"text_config\": {\"my_key\": [1, 2]}, \"vision_config\": {\"vision_use_head\": false}}");

        assertThat(c.json().get("multimodal_projector_bias").asBoolean()).isFalse();
        assertThat(c.textConfig().json().get("my_key").asIntArray()).containsExactly(1, 2);
        assertThat(c.visionConfig().json().get("vision_use_head").asBoolean()).isFalse();
    }

    @Test
    void topLevelSpecialTokensAreReadWithPretrainedConfigsDefaultOfNone() {
        LlavaOnevisionConfig c = (LlavaOnevisionConfig) parse("{\"model_type\": \"llava_onevision\", "
                + "\"vision_config\": {\"num_attention_heads\": 16}, \"eos_token_id\": [1, 2], \"pad_token_id\": 7}");

        assertThat(c.eosTokenId()).containsExactly(1, 2);
        assertThat(c.padTokenId()).hasValue(7);
        assertThat(c.bosTokenId()).isEmpty();
    }

    @Test
    void aCompositeRecordRefusesABadValueGivenInCodeNamingItsKey() {
        LlavaConfig base = (LlavaConfig) parse("{\"model_type\": \"llava\"}");

        assertThatThrownBy(() -> new LlavaConfig(base.visionConfig(), base.textConfig(), -100, 1, "gelu", "both",
                List.of(-2), 576, true, base.padTokenId(), base.json()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.vision_feature_select_strategy: expected one of 'default', 'full', "
                        + "got \"both\"");
    }

    @Test
    void theKnownModelTypesAreTheFourFamiliesAndTheirLanguageModels() {
        assertThat(ModelConfigs.MODEL_TYPES).containsExactly("llava", "llava_onevision", "llava_next_video",
                "video_llava", "llama", "qwen2");
        assertThat(parse("{\"model_type\": \"qwen2\"}")).isInstanceOf(Qwen2Config.class);
        assertThat(parse("{\"model_type\": \"llama\"}")).isInstanceOf(LlamaConfig.class);
    }
}
