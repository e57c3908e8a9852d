package io.vlm4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import org.junit.jupiter.api.Test;

/** Llama and Qwen2 configs: HF's derived values (kv heads, head_dim, sliding window) and their checks. */
class TextConfigTest {
    private static LlamaConfig llama(String body) {
        return LlamaConfig.fromJson(ConfigNode.parse("{" + body + "}", "config.json"));
    }

    private static Qwen2Config qwen2(String body) {
        return Qwen2Config.fromJson(ConfigNode.parse("{" + body + "}", "config.json"));
    }

    @Test
    void llamaKeyValueHeadsAbsentOrNullAreTheAttentionHeads() {
        assertThat(llama("\"num_attention_heads\": 8").numKeyValueHeads()).isEqualTo(8);
        assertThat(llama("\"num_attention_heads\": 8, \"num_key_value_heads\": null").numKeyValueHeads()).isEqualTo(8);
        assertThat(llama("\"num_attention_heads\": 8, \"num_key_value_heads\": 2").numKeyValueHeads()).isEqualTo(2);
    }

    @Test
    void llamaHeadDimAbsentOrNullIsHiddenSizeFloorDividedByHeads() {
        assertThat(llama("\"hidden_size\": 24, \"num_attention_heads\": 3").headDim()).isEqualTo(8);
        assertThat(llama("\"hidden_size\": 24, \"num_attention_heads\": 3, \"head_dim\": null").headDim()).isEqualTo(8);
        assertThat(llama("\"hidden_size\": 24, \"num_attention_heads\": 3, \"head_dim\": 16").headDim()).isEqualTo(16);
        assertThat(llama("\"hidden_size\": 25, \"num_attention_heads\": 3").headDim()).isEqualTo(8);
    }

    @Test
    void llamaSpecialTokensDefaultToOneAndTwoButNullMeansNone() {
        LlamaConfig nulls = llama("\"bos_token_id\": null, \"eos_token_id\": null");
        LlamaConfig list = llama("\"eos_token_id\": [128001, 128009], \"pad_token_id\": 0");

        assertThat(nulls.bosTokenId()).isEmpty();
        assertThat(nulls.eosTokenId()).isEmpty();
        assertThat(list.bosTokenId()).hasValue(1);
        assertThat(list.eosTokenId()).containsExactly(128001, 128009);
        assertThat(list.padTokenId()).hasValue(0);
    }

    @Test
    void llamaAttentionBiasCoversAllFourProjections() {
        LlamaConfig c = llama("\"attention_bias\": true");

        assertThat(c.qkvProjBias()).isTrue();
        assertThat(c.oProjBias()).isTrue();
        assertThat(c.mlpBias()).isFalse();
    }

    @Test
    void keyValueHeadsMustDivideTheAttentionHeads() {
        assertThatThrownBy(() -> llama("\"num_attention_heads\": 8, \"num_key_value_heads\": 3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.num_key_value_heads: expected a divisor of num_attention_heads (8), got 3");
    }

    @Test
    void sizesMustBePositive() {
        assertThatThrownBy(() -> llama("\"hidden_size\": 0"))
                .hasMessage("config.json $.hidden_size: expected an integer > 0, got 0");
        assertThatThrownBy(() -> llama("\"num_attention_heads\": 0"))
                .hasMessage("config.json $.num_attention_heads: expected an integer > 0, got 0");
        assertThatThrownBy(() -> llama("\"rms_norm_eps\": -1e-6"))
                .hasMessage("config.json $.rms_norm_eps: expected a finite number > 0, got -1.0E-6");
        assertThatThrownBy(() -> qwen2("\"vocab_size\": \"big\""))
                .hasMessage("config.json $.vocab_size: expected an integer, got \"big\"");
    }

    @Test
    void qwen2KeyValueHeadsDefaultToThirtyTwoWhenAbsentButToTheHeadsWhenNull() {
        assertThat(qwen2("\"num_attention_heads\": 64, \"hidden_size\": 128").numKeyValueHeads()).isEqualTo(32);
        assertThat(qwen2("\"num_attention_heads\": 16, \"hidden_size\": 64, \"num_key_value_heads\": null")
                .numKeyValueHeads()).isEqualTo(16);
    }

    @Test
    void qwen2HeadDimIsHiddenSizeOverHeadsAndMustDivide() {
        assertThat(qwen2("\"hidden_size\": 896, \"num_attention_heads\": 14, \"num_key_value_heads\": 2").headDim())
                .isEqualTo(64);
        assertThatThrownBy(() -> qwen2("\"hidden_size\": 100, \"num_attention_heads\": 8, \"num_key_value_heads\": 8"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.num_attention_heads: expected a divisor of hidden_size (100), got 8");
        assertThatThrownBy(() -> qwen2("\"hidden_size\": 64, \"num_attention_heads\": 8, \"num_key_value_heads\": 8, "
                + "\"head_dim\": 16")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json $.head_dim: expected hidden_size / num_attention_heads = 8");
    }

    @Test
    void qwen2SlidingWindowCountsOnlyWhenUsed() {
        assertThat(qwen2("\"sliding_window\": 1024").slidingWindow()).isEmpty();
        assertThat(qwen2("\"use_sliding_window\": true, \"sliding_window\": 1024").slidingWindow()).hasValue(1024);
        assertThat(qwen2("\"use_sliding_window\": true").slidingWindow()).hasValue(4096);
        assertThat(qwen2("\"use_sliding_window\": true, \"sliding_window\": null").slidingWindow()).isEmpty();
    }

    @Test
    void qwen2HasNoSpecialTokensByDefault() {
        Qwen2Config c = qwen2("");

        assertThat(c.bosTokenId()).isEmpty();
        assertThat(c.eosTokenId()).isEmpty();
        assertThat(c.padTokenId()).isEmpty();
    }

    @Test
    void aTokenIdMustBeAnInteger() {
        assertThatThrownBy(() -> qwen2("\"eos_token_id\": \"</s>\""))
                .hasMessage("config.json $.eos_token_id: expected a token id or a list of token ids, got \"</s>\"");
        assertThatThrownBy(() -> qwen2("\"eos_token_id\": [2, 2.5]"))
                .hasMessage("config.json $.eos_token_id[1]: expected an integer, got 2.5");
        assertThatThrownBy(() -> llama("\"bos_token_id\": true"))
                .hasMessage("config.json $.bos_token_id: expected a token id (an integer) or null, got true");
    }

    @Test
    void siglipBuildsItsHeadUnlessVisionUseHeadIsFalseOrNull() {
        assertThat(SiglipVisionConfig.fromJson(ConfigNode.parse("{}", "c")).visionUseHead()).isTrue();
        assertThat(SiglipVisionConfig.fromJson(ConfigNode.parse("{\"vision_use_head\": false}", "c")).visionUseHead())
                .isFalse();
        assertThat(SiglipVisionConfig.fromJson(ConfigNode.parse("{\"vision_use_head\": null}", "c")).visionUseHead())
                .isFalse();
    }

    @Test
    void aVisionTowerPatchMayNotExceedTheImage() {
        assertThatThrownBy(() -> ClipVisionConfig.fromJson(ConfigNode.parse("{\"image_size\": 16}", "c")))
                .hasMessage("c $.patch_size: expected a patch no larger than image_size (16), got 32");
    }
}
