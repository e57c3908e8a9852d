package io.vlm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.config.SiglipVisionConfig;
import io.vlm4j.config.TextConfig;
import io.vlm4j.config.VisionConfig;
import io.vlm4j.runtime.AutoConfig;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.safetensors.TensorInfo;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden checkpoints open (F16 and BF16 single files, F32 shards with an index), upcast exactly, and hold the
 * weights their parsed configs predict: so the config defaults are the ones HF built these models with.
 */
class GoldenCheckpointTest {
    private static final Map<String, DType> TORCH_DTYPES = Map.of("float16", DType.F16, "bfloat16", DType.BF16,
            "float32", DType.F32);
    private static final String LM = "language_model.";

    static List<String> families() {
        return GoldenData.families();
    }

    @ParameterizedTest
    @MethodSource("families")
    void everyTensorIsStoredInTheConfigsTorchDtypeAndUpcastsExactly(String family) {
        Path model = GoldenData.model(family);
        DType dtype = TORCH_DTYPES.get(ConfigNode.read(model.resolve("config.json")).getString("torch_dtype", null));

        try (SafeTensors st = SafeTensors.open(model)) {
            assertThat(st.tensors()).as(family).isNotEmpty();
            for (TensorInfo info : st.tensors().values()) {
                assertThat(info.dtype()).as("%s %s", family, info.name()).isEqualTo(dtype);
                HostTensor t = st.get(info.name());
                float[] floats = t.toFloats();
                ByteBuffer raw = t.data();
                for (int i = 0; i < floats.length; i++) {
                    int expectedBits = expectedBits(dtype, raw, i);
                    if (Float.floatToRawIntBits(floats[i]) != expectedBits) {
                        assertThat(Integer.toHexString(Float.floatToRawIntBits(floats[i])))
                                .as("%s %s [%d]", family, info.name(), i)
                                .isEqualTo(Integer.toHexString(expectedBits));
                    }
                }
            }
        }
    }

    private static int expectedBits(DType dtype, ByteBuffer raw, int i) {
        switch (dtype) {
            case F32:
                return raw.getInt(4 * i);
            case BF16:
                return (raw.getShort(2 * i) & 0xffff) << 16;
            case F16:
                return Float.floatToRawIntBits(HostTensor.halfToFloat(raw.getShort(2 * i)));
            default:
                throw new AssertionError(dtype);
        }
    }

    @Test
    void theShardedCheckpointResolvesEveryIndexEntryAndItsTotalSize() {
        Path model = GoldenData.model("llava_next_video");
        ConfigNode index = ConfigNode.read(model.resolve(SafeTensors.INDEX_FILE));

        try (SafeTensors st = SafeTensors.open(model)) {
            assertThat(st.tensors().keySet()).containsExactlyInAnyOrderElementsOf(index.get("weight_map").keys());
            for (String name : index.get("weight_map").keys()) {
                assertThat(st.info(name).file().getFileName().toString()).as(name)
                        .isEqualTo(index.get("weight_map").get(name).asString());
            }
            long total = st.tensors().values().stream().mapToLong(TensorInfo::byteSize).sum();
            assertThat(total).isEqualTo(index.get("metadata").get("total_size").asLong());
        }
        assertThat(Files.exists(model.resolve(SafeTensors.SINGLE_FILE))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("families")
    void theWeightsAreTheOnesTheParsedConfigDescribes(String family) {
        Path model = GoldenData.model(family);
        MultimodalConfig c = (MultimodalConfig) AutoConfig.fromPretrained(model);
        TextConfig t = c.textConfig();

        try (SafeTensors st = SafeTensors.open(model)) {
            Shapes s = new Shapes(st, family);
            s.expect(LM + "model.embed_tokens.weight", t.vocabSize(), t.hiddenSize());
            assertThat(st.contains(LM + "lm_head.weight")).as("%s lm_head stored unless tied", family)
                    .isEqualTo(!t.tieWordEmbeddings());
            int q = t.numAttentionHeads() * t.headDim();
            int kv = t.numKeyValueHeads() * t.headDim();
            for (int i = 0; i < t.numHiddenLayers(); i++) {
                String layer = LM + "model.layers." + i + ".";
                s.expect(layer + "self_attn.q_proj.weight", q, t.hiddenSize());
                s.expect(layer + "self_attn.k_proj.weight", kv, t.hiddenSize());
                s.expect(layer + "self_attn.v_proj.weight", kv, t.hiddenSize());
                s.expect(layer + "self_attn.o_proj.weight", t.hiddenSize(), q);
                s.expect(layer + "mlp.gate_proj.weight", t.intermediateSize(), t.hiddenSize());
                s.expect(layer + "mlp.down_proj.weight", t.hiddenSize(), t.intermediateSize());
                assertThat(st.contains(layer + "self_attn.q_proj.bias")).as("%s q bias", family)
                        .isEqualTo(t.qkvProjBias());
                assertThat(st.contains(layer + "self_attn.o_proj.bias")).as("%s o bias", family)
                        .isEqualTo(t.oProjBias());
                assertThat(st.contains(layer + "mlp.gate_proj.bias")).as("%s mlp bias", family)
                        .isEqualTo(t.mlpBias());
            }
            assertThat(st.contains(LM + "model.layers." + t.numHiddenLayers() + ".input_layernorm.weight"))
                    .as("%s has exactly num_hidden_layers decoder layers", family).isFalse();

            List<String> towers = family.equals("video_llava") ? List.of("image_tower.", "video_tower.")
                    : List.of("vision_tower.");
            for (String tower : towers) {
                expectTower(s, st, tower + "vision_model.", c.visionConfig(), family);
            }
            int features = c.visionConfig().hiddenSize() * c.visionFeatureLayer().size();
            s.expect("multi_modal_projector.linear_1.weight", t.hiddenSize(), features);
            s.expect("multi_modal_projector.linear_2.weight", t.hiddenSize(), t.hiddenSize());
            if (family.equals("llava_onevision") || family.equals("llava_next_video")) {
                s.expect("image_newline", t.hiddenSize());
            }
        }
    }

    private static void expectTower(Shapes s, SafeTensors st, String prefix, VisionConfig v, String family) {
        boolean siglip = v instanceof SiglipVisionConfig;
        int patches = (v.imageSize() / v.patchSize()) * (v.imageSize() / v.patchSize());
        s.expect(prefix + "embeddings.patch_embedding.weight", v.hiddenSize(), v.numChannels(), v.patchSize(),
                v.patchSize());
        s.expect(prefix + "embeddings.position_embedding.weight", siglip ? patches : patches + 1, v.hiddenSize());
        for (int i = 0; i < v.numHiddenLayers(); i++) {
            s.expect(prefix + "encoder.layers." + i + ".mlp.fc1.weight", v.intermediateSize(), v.hiddenSize());
        }
        assertThat(st.contains(prefix + "encoder.layers." + v.numHiddenLayers() + ".mlp.fc1.weight"))
                .as("%s %s has exactly num_hidden_layers layers", family, prefix).isFalse();
        if (siglip) {
            assertThat(st.contains(prefix + "head.probe")).as("%s siglip head", family)
                    .isEqualTo(((SiglipVisionConfig) v).visionUseHead());
        }
    }

    /** Shape checks that name the family and tensor. */
    private static final class Shapes {
        private final SafeTensors st;
        private final String family;

        Shapes(SafeTensors st, String family) {
            this.st = st;
            this.family = family;
        }

        void expect(String name, int... shape) {
            assertThat(st.contains(name)).as("%s has %s", family, name).isTrue();
            assertThat(st.info(name).shape()).as("%s %s", family, name).containsExactly(shape);
        }
    }
}
