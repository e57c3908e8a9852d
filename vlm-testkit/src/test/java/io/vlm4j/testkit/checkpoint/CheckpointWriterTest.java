package io.vlm4j.testkit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.LlavaOnevisionConfig;
import io.vlm4j.config.ModelConfigs;
import io.vlm4j.config.Qwen2Config;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {
    private static final DecoderSpec SMALL = new DecoderSpec("qwen2", 300, 32, 48, 3, 4, 2, true, 1e6, 1e-6, 1024);

    @Test
    void writesAConfigThatParsesAsItsSpecAndEveryParameterUnderItsHfName(@TempDir Path dir) {
        CheckpointWriter.writeDecoder(dir, SMALL, DType.BF16, 1);
        Qwen2Config config = (Qwen2Config) ModelConfigs.parse(ConfigNode.read(dir.resolve("config.json")));
        assertThat(config.hiddenSize()).isEqualTo(32);
        assertThat(config.numKeyValueHeads()).isEqualTo(2);
        assertThat(config.tieWordEmbeddings()).isTrue();
        try (SafeTensors file = SafeTensors.open(dir)) {
            for (Parameter p : SMALL.parameters("")) {
                assertThat(file.info(p.name()).shape()).as(p.name()).containsExactly(p.shape());
                assertThat(file.info(p.name()).dtype()).isEqualTo(DType.BF16);
            }
            assertThat(file.tensors()).hasSize(SMALL.parameters("").size());
            assertThat(file.getFloats("model.layers.2.input_layernorm.weight")).containsOnly(1f);
        }
    }

    @Test
    void randomWeightsAreSeededAndSpreadAsHfInitializesThem(@TempDir Path dir) {
        CheckpointWriter.writeDecoder(dir.resolve("a"), SMALL, DType.F32, 7);
        CheckpointWriter.writeDecoder(dir.resolve("b"), SMALL, DType.F32, 7);
        try (SafeTensors a = SafeTensors.open(dir.resolve("a")); SafeTensors b = SafeTensors.open(dir.resolve("b"))) {
            float[] w = a.getFloats("model.embed_tokens.weight");
            assertThat(b.getFloats("model.embed_tokens.weight")).containsExactly(w);
            double sq = 0;
            for (float v : w) {
                sq += v * v;
            }
            assertThat(Math.sqrt(sq / w.length)).isCloseTo(CheckpointWriter.INITIALIZER_RANGE,
                    org.assertj.core.data.Offset.offset(0.002));
        }
    }

    @Test
    void halfPrecisionConversionsRoundToNearestEven() {
        float[] values = {1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f, 1.00048828125f, 0.1f};
        for (float v : values) {
            short h = CheckpointWriter.toHalf(v);
            float back = HostTensor.halfToFloat(h);
            // within half a step of binary16 at that magnitude
            float step = Math.abs(HostTensor.halfToFloat((short) (h + 1)) - back);
            assertThat(Math.abs(back - v)).as("half of %s", v).isLessThanOrEqualTo(step / 2);
        }
        assertThat(CheckpointWriter.toHalf(1.00048828125f)).as("a tie rounds to even").isEqualTo((short) 0x3C00);
        assertThat(CheckpointWriter.toBfloat16(1f)).isEqualTo((short) 0x3F80);
        assertThat(CheckpointWriter.toBfloat16(Float.intBitsToFloat(0x3F808000))).as("a tie rounds to even")
                .isEqualTo((short) 0x3F80);
    }

    @Test
    void theOnevisionTextModelHasItsRealParameterCount() {
        assertThat(DecoderSpec.llavaOnevision05b().parameterCount()).isEqualTo(494_032_768L);
    }

    @Test
    void writesAWholeVisionLanguageCheckpointWithItsProcessorAndTokenizerFiles(@TempDir Path dir) {
        DecoderSpec text = new DecoderSpec("qwen2", 151648, 16, 40, 1, 2, 1, true, 1e6, 1e-6, 4096);
        VisionSpec vision = new VisionSpec(VisionSpec.SIGLIP, 32, 48, 2, 4, 42, 14);
        VlmSpec spec = new VlmSpec("llava_onevision", text, vision, Map.of("vision_feature_layer",
                List.of(-2, -1)), GoldenData.model("llava_onevision"), null, null);

        CheckpointWriter.writeVlm(dir, spec, DType.BF16, 3);

        LlavaOnevisionConfig config = (LlavaOnevisionConfig) ModelConfigs.parse(
                ConfigNode.read(dir.resolve("config.json")));
        assertThat(config.visionConfig().hiddenSize()).isEqualTo(32);
        assertThat(config.textConfig().hiddenSize()).isEqualTo(16);
        assertThat(config.visionFeatureLayer()).containsExactly(-2, -1);
        try (SafeTensors file = SafeTensors.open(dir)) {
            assertThat(file.tensors()).hasSize(spec.parameters().size());
            assertThat(file.info("multi_modal_projector.linear_1.weight").shape()).containsExactly(16, 64);
            assertThat(file.info("image_newline").shape()).containsExactly(16);
            assertThat(file.info("vision_tower.vision_model.embeddings.position_embedding.weight").shape())
                    .containsExactly(9, 32);
            assertThat(file.contains("language_model.model.layers.0.self_attn.q_proj.bias")).isTrue();
        }
        for (String f : List.of("vocab.json", "merges.txt", "tokenizer_config.json", "chat_template.json",
                "preprocessor_config.json", "processor_config.json")) {
            assertThat(dir.resolve(f)).as(f).isRegularFile();
        }
    }

    @Test
    void theRealOneVisionSpecHasItsDimensions() {
        VlmSpec spec = VlmSpec.llavaOnevision05b();

        assertThat(spec.vision().numPatches()).isEqualTo(729);
        assertThat(spec.vision().parameterCount()).isBetween(395_000_000L, 405_000_000L);
        assertThat(spec.parameterCount()).isBetween(890_000_000L, 900_000_000L);
    }
}
