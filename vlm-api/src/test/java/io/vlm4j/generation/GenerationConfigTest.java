package io.vlm4j.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorKind;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.config.ModelConfigs;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GenerationConfigTest {
    private static final String LLAVA_NEXT_VIDEO = "{\"model_type\": \"llava_next_video\", \"pad_token_id\": 32002, "
            + "\"text_config\": {\"model_type\": \"llama\", \"hidden_size\": 24, \"num_attention_heads\": 3}}";

    private static ModelConfig model(String json) {
        return ModelConfigs.parse(ConfigNode.parse(json, "config.json"));
    }

    private static GenerationConfig fromFile(String json, ModelConfig model) {
        return GenerationConfig.fromJson(ConfigNode.parse(json, "generation_config.json"), model);
    }

    @Test
    void defaultsAreHfsGenerationConfigDefaults() {
        GenerationConfig d = GenerationConfig.defaults();

        assertThat(d.maxNewTokens()).as("max_length 20, counted as new tokens by generate()").isEqualTo(20);
        assertThat(d.doSample()).isFalse();
        assertThat(d.temperature()).isEqualTo(1.0);
        assertThat(d.topK()).isEqualTo(50);
        assertThat(d.topP()).isEqualTo(1.0);
        assertThat(d.repetitionPenalty()).isEqualTo(1.0);
        assertThat(d.eosTokenIds()).isEmpty();
        assertThat(d.bosTokenId()).isEmpty();
        assertThat(d.padTokenId()).isEmpty();
        assertThat(d.seed()).isEmpty();
        assertThat(d.stopStrings()).isEmpty();
        assertThat(fromFile("{}", model(LLAVA_NEXT_VIDEO))).isEqualTo(d);
    }

    @Test
    void greedyChangesOnlyTheLength() {
        assertThat(GenerationConfig.greedy(128)).isEqualTo(GenerationConfig.defaults().withMaxNewTokens(128));
    }

    @Test
    void samplingSetsItsSettingsAndSeed() {
        GenerationConfig s = GenerationConfig.sampling(0.7, 0.9, 40, 1234L, 64);

        assertThat(s.doSample()).isTrue();
        assertThat(s.temperature()).isEqualTo(0.7);
        assertThat(s.topP()).isEqualTo(0.9);
        assertThat(s.topK()).isEqualTo(40);
        assertThat(s.seed()).hasValue(1234L);
        assertThat(s.maxNewTokens()).isEqualTo(64);
        assertThat(s.repetitionPenalty()).isEqualTo(1.0);
    }

    @Test
    void withCopiesChangeOneSettingAndLeaveTheOriginal() {
        GenerationConfig g = GenerationConfig.greedy(10);
        GenerationConfig changed = g.withRepetitionPenalty(1.2).withEosTokenIds(List.of(2, 3))
                .withStopStrings(List.of("###")).withPadTokenId(OptionalInt.of(0)).withBosTokenId(OptionalInt.of(1))
                .withSeed(OptionalLong.of(5)).withTopK(0).withTopP(0.5).withTemperature(2.0).withDoSample(true);

        assertThat(g).isEqualTo(GenerationConfig.greedy(10));
        assertThat(changed.repetitionPenalty()).isEqualTo(1.2);
        assertThat(changed.eosTokenIds()).containsExactly(2, 3);
        assertThat(changed.stopStrings()).containsExactly("###");
        assertThat(changed.padTokenId()).hasValue(0);
        assertThat(changed.bosTokenId()).hasValue(1);
        assertThat(changed.seed()).hasValue(5L);
        assertThat(changed.topK()).isZero();
        assertThat(changed.topP()).isEqualTo(0.5);
        assertThat(changed.temperature()).isEqualTo(2.0);
        assertThat(changed.doSample()).isTrue();
        assertThat(changed.maxNewTokens()).isEqualTo(10);
    }

    @Test
    void aConfigBuiltInCodeThatBreaksARuleIsAUsageError() {
        assertThatThrownBy(() -> GenerationConfig.greedy(0)).isInstanceOf(VlmException.class)
                .hasMessage("GenerationConfig.maxNewTokens: expected an integer >= 1, got 0")
                .satisfies(e -> assertThat(((VlmException) e).kind()).isEqualTo(ErrorKind.USAGE));
        assertThatThrownBy(() -> GenerationConfig.sampling(0.0, 1.0, 50, 1, 8))
                .hasMessage("GenerationConfig.temperature: expected a finite number > 0 when sampling, got 0.0");
        assertThatThrownBy(() -> GenerationConfig.sampling(1.0, 0.0, 50, 1, 8))
                .hasMessageStartingWith("GenerationConfig.topP: expected a number in (0, 1] when sampling");
        assertThatThrownBy(() -> GenerationConfig.sampling(1.0, 1.5, 50, 1, 8))
                .hasMessageStartingWith("GenerationConfig.topP: expected a number in (0, 1]");
        assertThatThrownBy(() -> GenerationConfig.sampling(1.0, 1.0, -1, 1, 8))
                .hasMessageStartingWith("GenerationConfig.topK: expected an integer >= 0 when sampling");
        assertThatThrownBy(() -> GenerationConfig.greedy(8).withRepetitionPenalty(0))
                .hasMessageStartingWith("GenerationConfig.repetitionPenalty: expected a finite number > 0");
    }

    @Test
    void samplingSettingsAreNotCheckedForGreedySearchAsHfBuildsNoWarpers() {
        GenerationConfig g = GenerationConfig.greedy(8).withTemperature(0.0).withTopP(0.0).withTopK(-1);

        assertThat(g.temperature()).isZero();
    }

    @Test
    void readsTheGenerationFileOverHfsDefaults() {
        GenerationConfig g = fromFile("{\"bos_token_id\": 151643, \"eos_token_id\": [151645, 151643], "
                + "\"do_sample\": true, \"temperature\": 0.7, \"top_p\": 0.8, \"top_k\": 20, "
                + "\"repetition_penalty\": 1.05, \"max_new_tokens\": 512, \"transformers_version\": \"4.46.0\"}",
                model(LLAVA_NEXT_VIDEO));

        assertThat(g.bosTokenId()).hasValue(151643);
        assertThat(g.eosTokenIds()).containsExactly(151645, 151643);
        assertThat(g.padTokenId()).as("not taken from config.json: HF reads the file alone").isEmpty();
        assertThat(g.doSample()).isTrue();
        assertThat(g.temperature()).isEqualTo(0.7);
        assertThat(g.topP()).isEqualTo(0.8);
        assertThat(g.topK()).isEqualTo(20);
        assertThat(g.repetitionPenalty()).isEqualTo(1.05);
        assertThat(g.maxNewTokens()).isEqualTo(512);
    }

    @Test
    void anEosGivenAsOneIntegerIsAListOfOne() {
        assertThat(fromFile("{\"eos_token_id\": 2}", model(LLAVA_NEXT_VIDEO)).eosTokenIds()).containsExactly(2);
    }

    @Test
    void maxLengthCountsNewTokensWhenMaxNewTokensIsUnset() {
        assertThat(fromFile("{\"max_length\": 300}", model(LLAVA_NEXT_VIDEO)).maxNewTokens()).isEqualTo(300);
        assertThat(fromFile("{\"max_length\": 300, \"max_new_tokens\": 7}", model(LLAVA_NEXT_VIDEO)).maxNewTokens())
                .isEqualTo(7);
        assertThat(fromFile("{\"max_length\": 300, \"max_new_tokens\": null}", model(LLAVA_NEXT_VIDEO))
                .maxNewTokens()).isEqualTo(300);
    }

    @Test
    void aNullTopKSwitchesTheFilterOff() {
        assertThat(fromFile("{\"top_k\": null}", model(LLAVA_NEXT_VIDEO)).topK()).isZero();
        assertThat(fromFile("{\"top_p\": null, \"temperature\": null}", model(LLAVA_NEXT_VIDEO)))
                .isEqualTo(GenerationConfig.defaults());
    }

    @Test
    void stopStringsAreAStringOrAList() {
        assertThat(fromFile("{\"stop_strings\": \"<end>\"}", model(LLAVA_NEXT_VIDEO)).stopStrings())
                .containsExactly("<end>");
        assertThat(fromFile("{\"stop_strings\": [\"a\", \"b\"]}", model(LLAVA_NEXT_VIDEO)).stopStrings())
                .containsExactly("a", "b");
        assertThatThrownBy(() -> fromFile("{\"stop_strings\": 3}", model(LLAVA_NEXT_VIDEO)))
                .hasMessage("generation_config.json $.stop_strings: expected a string or a list of strings, got 3");
    }

    @Test
    void aBadValueInTheFileNamesItsKey() {
        assertThatThrownBy(() -> fromFile("{\"do_sample\": true, \"temperature\": 0}", model(LLAVA_NEXT_VIDEO)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("generation_config.json $.temperature: expected a finite number > 0 when sampling, got 0");
        assertThatThrownBy(() -> fromFile("{\"max_new_tokens\": 0}", model(LLAVA_NEXT_VIDEO)))
                .hasMessage("generation_config.json $.max_new_tokens: expected an integer >= 1, got 0");
        assertThatThrownBy(() -> fromFile("{\"max_length\": -5}", model(LLAVA_NEXT_VIDEO)))
                .hasMessage("generation_config.json $.max_length: expected an integer >= 1, got -5");
        assertThatThrownBy(() -> fromFile("{\"top_p\": \"high\"}", model(LLAVA_NEXT_VIDEO)))
                .hasMessage("generation_config.json $.top_p: expected a number, got \"high\"");
        assertThatThrownBy(() -> fromFile("{\"eos_token_id\": [2, \"x\"]}", model(LLAVA_NEXT_VIDEO)))
                .hasMessage("generation_config.json $.eos_token_id[1]: expected a token id (an integer) or null, "
                        + "got \"x\"");
        assertThatThrownBy(() -> fromFile("[]", model(LLAVA_NEXT_VIDEO)))
                .hasMessage("generation_config.json $: expected a JSON object, got []");
    }

    @Test
    void withoutAGenerationFileTheTopLevelThenTheTextConfigGiveTheTokens() {
        GenerationConfig g = GenerationConfig.fromModelConfig(model(LLAVA_NEXT_VIDEO));

        assertThat(g.padTokenId()).as("the top level's pad_token_id").hasValue(32002);
        assertThat(g.bosTokenId()).as("the Llama text_config's default bos").hasValue(1);
        assertThat(g.eosTokenIds()).as("the Llama text_config's default eos").containsExactly(2);
        assertThat(g.maxNewTokens()).isEqualTo(20);
        assertThat(g.doSample()).isFalse();
    }

    @Test
    void aTopLevelValueWinsOverTheTextConfigsAndDefaultsGiveWay() {
        GenerationConfig g = GenerationConfig.fromModelConfig(model("{\"model_type\": \"llava\", "
                + "\"eos_token_id\": 7, \"text_config\": {\"max_length\": 4096, \"eos_token_id\": 9, "
                + "\"temperature\": 0.5}, \"temperature\": 1.0}"));

        assertThat(g.eosTokenIds()).containsExactly(7);
        assertThat(g.maxNewTokens()).as("text_config's max_length fills the default 20").isEqualTo(4096);
        assertThat(g.temperature()).as("a top-level value equal to the default still gives way, as in HF")
                .isEqualTo(0.5);
    }

    @Test
    void aTextConfigsNullTokenLeavesTheTokenUnset() {
        GenerationConfig g = GenerationConfig.fromModelConfig(model("{\"model_type\": \"video_llava\", "
                + "\"text_config\": {\"bos_token_id\": null, \"eos_token_id\": null}}"));

        assertThat(g.bosTokenId()).isEmpty();
        assertThat(g.eosTokenIds()).isEmpty();
    }

    @Test
    void aStandaloneTextModelUsesItsOwnClassDefaults() {
        GenerationConfig g = GenerationConfig.fromModelConfig(model("{\"model_type\": \"llama\"}"));

        assertThat(g.bosTokenId()).hasValue(1);
        assertThat(g.eosTokenIds()).containsExactly(2);
    }

    @Test
    void aFileMadeFromTheModelConfigGivesWayToNonDefaultModelSettings() {
        ModelConfig m = model("{\"model_type\": \"llava\", \"max_length\": 64, \"text_config\": {\"eos_token_id\": 5}}");

        assertThat(fromFile("{\"_from_model_config\": true, \"eos_token_id\": 3}", m).maxNewTokens()).isEqualTo(64);
        assertThat(fromFile("{\"_from_model_config\": true, \"eos_token_id\": 3}", m).eosTokenIds()).containsExactly(5);
        assertThat(fromFile("{\"eos_token_id\": 3}", m).eosTokenIds()).containsExactly(3);
        assertThat(fromFile("{\"_from_model_config\": true, \"eos_token_id\": 3}", model(LLAVA_NEXT_VIDEO))
                .eosTokenIds()).as("no non-default generation settings in config.json: the file stands")
                .containsExactly(3);
    }

    @Test
    void aCallersConfigTakesTheModelsSpecialTokensWhereItHasNone() {
        GenerationConfig model = GenerationConfig.defaults().withEosTokenIds(List.of(151645, 151643))
                .withBosTokenId(OptionalInt.of(151643)).withPadTokenId(OptionalInt.of(0));

        GenerationConfig filled = GenerationConfig.greedy(32).withSpecialTokensFrom(model);
        GenerationConfig kept = GenerationConfig.greedy(32).withEosTokenIds(List.of(9)).withSpecialTokensFrom(model);

        assertThat(filled.eosTokenIds()).containsExactly(151645, 151643);
        assertThat(filled.bosTokenId()).hasValue(151643);
        assertThat(filled.padTokenId()).hasValue(0);
        assertThat(filled.maxNewTokens()).isEqualTo(32);
        assertThat(kept.eosTokenIds()).containsExactly(9);
    }
}
