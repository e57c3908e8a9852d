package io.vlm4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorCode;
import io.vlm4j.UnsupportedModelException;
import io.vlm4j.VlmException;
import io.vlm4j.config.LlavaNextVideoConfig;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.spi.ModelFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoConfigTest {
    private static final String NEXT_VIDEO = "{\"model_type\": \"llava_next_video\", \"pad_token_id\": 32002, "
            + "\"text_config\": {\"model_type\": \"llama\", \"hidden_size\": 24, \"num_attention_heads\": 3, "
            + "\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}}}";

    @TempDir
    Path dir;

    private static Registries withFamilies(ModelFamily... families) {
        return Registries.of(families);
    }

    private Path config(String json) throws Exception {
        Files.writeString(dir.resolve("config.json"), json);
        return dir;
    }

    @Test
    void aBuiltInModelTypeParsesIntoItsRecordWithoutAFamily() throws Exception {
        ModelConfig c = AutoConfig.fromPretrained(config(NEXT_VIDEO));

        assertThat(c).isInstanceOf(LlavaNextVideoConfig.class);
        LlavaNextVideoConfig next = (LlavaNextVideoConfig) c;
        assertThat(next.textConfig().ropeScaling()).get().satisfies(r -> assertThat(r.factor()).hasValue(2.0));
        assertThat(next.padTokenId()).hasValue(32002);
    }

    @Test
    void aRegisteredFamilyParsesItsOwnModelType() throws Exception {
        Path folder = config("{\"model_type\": \"tiny_vlm\", \"width\": 3}");

        ModelConfig c = AutoConfig.fromPretrained(folder, withFamilies(new TinyFamily("tiny_vlm")));

        assertThat(c).isEqualTo(new TinyFamily.TinyConfig("tiny_vlm", c.json()));
        assertThat(c.json().getInt("width", 0)).isEqualTo(3);
    }

    @Test
    void aRegisteredFamilyTakesPrecedenceOverTheBuiltInRecord() throws Exception {
        ModelConfig c = AutoConfig.fromPretrained(config(NEXT_VIDEO), withFamilies(new TinyFamily("llava_next_video")));

        assertThat(c).isInstanceOf(TinyFamily.TinyConfig.class);
    }

    @Test
    void anUnservedModelTypeNamesItAndEveryServedType() throws Exception {
        Path folder = config("{\"model_type\": \"idefics3\"}");

        assertThatThrownBy(() -> AutoConfig.fromPretrained(folder, withFamilies(new TinyFamily("tiny_vlm"))))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessage("config.json $.model_type: no family serves model_type 'idefics3' (served: llama, llava, "
                        + "llava_next_video, llava_onevision, qwen2, tiny_vlm, video_llava)");
    }

    @Test
    void aBadValueNamesTheFileAndPath() throws Exception {
        Path folder = config("{\"model_type\": \"llava_next_video\", \"text_config\": {\"rope_scaling\": "
                + "{\"type\": \"linear\", \"factor\": \"two\"}}}");

        assertThatThrownBy(() -> AutoConfig.fromPretrained(folder)).isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.text_config.rope_scaling.factor: expected a number > 0, got \"two\"");
    }

    @Test
    void aConfigWithoutModelTypeIsAConfigError() throws Exception {
        Path folder = config("{\"hidden_size\": 16}");

        assertThatThrownBy(() -> AutoConfig.fromPretrained(folder)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json $.model_type: expected a string naming the model type");
    }

    @Test
    void aConfigThatIsNotAnObjectIsAConfigError() throws Exception {
        Path folder = config("[1]");

        assertThatThrownBy(() -> AutoConfig.fromPretrained(folder)).isInstanceOf(ConfigException.class)
                .hasMessage("config.json $: expected a JSON object, got [1]");
    }

    @Test
    void aMissingFolderOrConfigIsNotFoundNamingThePath() throws Exception {
        Path missing = dir.resolve("nowhere");
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        assertThatThrownBy(() -> AutoConfig.fromPretrained(missing)).isInstanceOf(VlmException.class)
                .hasMessage(missing + ": no such checkpoint folder")
                .satisfies(e -> assertThat(((VlmException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> AutoConfig.fromPretrained(dir)).isInstanceOf(VlmException.class)
                .hasMessage(dir + ": no config.json in this checkpoint folder")
                .satisfies(e -> assertThat(((VlmException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> AutoConfig.fromPretrained(file)).isInstanceOf(VlmException.class)
                .hasMessageStartingWith(file + ": not a folder")
                .satisfies(e -> assertThat(((VlmException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> AutoConfig.generationConfig(missing)).isInstanceOf(VlmException.class)
                .hasMessage(missing + ": no such checkpoint folder");
    }

    @Test
    void theGenerationFileIsReadWhenPresent() throws Exception {
        config(NEXT_VIDEO);
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": [2, 32007], \"max_new_tokens\": 9}");

        GenerationConfig g = AutoConfig.generationConfig(dir);

        assertThat(g.eosTokenIds()).containsExactly(2, 32007);
        assertThat(g.maxNewTokens()).isEqualTo(9);
        assertThat(g.padTokenId()).isEmpty();
    }

    @Test
    void withoutAGenerationFileTheModelConfigGivesTheDefaults() throws Exception {
        config(NEXT_VIDEO);

        GenerationConfig g = AutoConfig.generationConfig(dir);

        assertThat(g.bosTokenId()).hasValue(1);
        assertThat(g.eosTokenIds()).containsExactly(2);
        assertThat(g.padTokenId()).hasValue(32002);
        assertThat(g.maxNewTokens()).isEqualTo(20);
    }

    @Test
    void aBadGenerationFileNamesItsKey() throws Exception {
        config(NEXT_VIDEO);
        Files.writeString(dir.resolve("generation_config.json"), "{\"repetition_penalty\": -1}");

        assertThatThrownBy(() -> AutoConfig.generationConfig(dir)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("generation_config.json $.repetition_penalty: expected a finite number > 0");
    }
}
