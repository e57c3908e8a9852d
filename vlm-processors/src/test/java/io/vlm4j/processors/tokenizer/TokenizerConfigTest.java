package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.TokenizerException;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.SpecialTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsQwen2SpecialTokensMapWithExplicitNullsUnset() {
        TokenizerConfig config = TokenizerConfig.read(GoldenData.model("llava_onevision"));

        Map<String, String> named = new LinkedHashMap<>();
        named.put("eos_token", "<|im_end|>");
        named.put("pad_token", "<|endoftext|>");
        assertThat(config.specialTokens())
                .isEqualTo(new SpecialTokens(named, List.of("<|im_start|>", "<|im_end|>", "<image>", "<video>")));
        assertThat(config.tokenizerClass()).contains("Qwen2Tokenizer");
        assertThat(config.addedTokens()).extracting(AddedToken::id, AddedToken::content).containsExactly(
                org.assertj.core.groups.Tuple.tuple(151643, "<|endoftext|>"),
                org.assertj.core.groups.Tuple.tuple(151644, "<|im_start|>"),
                org.assertj.core.groups.Tuple.tuple(151645, "<|im_end|>"),
                org.assertj.core.groups.Tuple.tuple(151646, "<image>"),
                org.assertj.core.groups.Tuple.tuple(151647, "<video>"));
    }

    @Test
    void readsLlamaSpecialTokensInHfOrder() {
        TokenizerConfig config = TokenizerConfig.read(GoldenData.model("video_llava"));

        assertThat(config.specialTokens().named()).containsExactly(
                Map.entry("bos_token", "<s>"), Map.entry("eos_token", "</s>"), Map.entry("unk_token", "<unk>"),
                Map.entry("pad_token", "<pad>"));
        assertThat(config.specialTokens().additional()).isEmpty();
        assertThat(config.addedTokens()).extracting(AddedToken::id).containsExactly(0, 1, 2, 32000, 32001, 32002);
        assertThat(config.addedTokens().get(3)).isEqualTo(new AddedToken(32000, "<image>", false, false, false,
                false, true));
    }

    @Test
    void givesClassDefaultsForSpecialTokensTheConfigLeavesOut() throws IOException {
        write("tokenizer_config.json", "{\"tokenizer_class\": \"LlamaTokenizerFast\", \"eos_token\": null}");

        assertThat(TokenizerConfig.read(dir).specialTokens().named())
                .containsExactly(Map.entry("bos_token", "<s>"), Map.entry("unk_token", "<unk>"));
    }

    @Test
    void readsAddedTokenDictsAsTheirContent() throws IOException {
        write("tokenizer_config.json", "{\"bos_token\": {\"__type\": \"AddedToken\", \"content\": \"<s>\","
                + " \"lstrip\": true}, \"added_tokens_decoder\": {}}");

        TokenizerConfig config = TokenizerConfig.read(dir);

        assertThat(config.specialTokens().named()).containsExactly(Map.entry("bos_token", "<s>"));
        assertThat(config.namedSpecialTokens().get("bos_token").lstrip()).isTrue();
    }

    @Test
    void readsLegacySpecialTokensMapAndAddedTokensWhenTheConfigHasNoDecoder() throws IOException {
        write("tokenizer_config.json", "{\"eos_token\": \"</s>\", \"additional_special_tokens\": [\"<a>\"]}");
        write("special_tokens_map.json", "{\"eos_token\": {\"content\": \"<|end|>\", \"rstrip\": true},"
                + " \"pad_token\": \"<pad>\", \"additional_special_tokens\": [\"<a>\", {\"content\": \"<b>\"}]}");
        write("added_tokens.json", "{\"<|end|>\": 10, \"<x>\": 11}");

        TokenizerConfig config = TokenizerConfig.read(dir);

        assertThat(config.specialTokens().named())
                .containsExactly(Map.entry("eos_token", "<|end|>"), Map.entry("pad_token", "<pad>"));
        assertThat(config.specialTokens().additional()).containsExactly("<a>", "<b>");
        assertThat(config.addedTokens()).containsExactly(AddedToken.of(10, "<|end|>", true),
                AddedToken.of(11, "<x>", false));
    }

    @Test
    void ignoresLegacyFilesWhenTheConfigHasADecoder() throws IOException {
        write("tokenizer_config.json", "{\"added_tokens_decoder\": {\"5\": {\"content\": \"<a>\", \"special\": true}}}");
        write("special_tokens_map.json", "{\"eos_token\": \"<b>\"}");
        write("added_tokens.json", "{\"<c>\": 6}");

        TokenizerConfig config = TokenizerConfig.read(dir);

        assertThat(config.specialTokens().named()).isEmpty();
        assertThat(config.addedTokens()).extracting(AddedToken::content).containsExactly("<a>");
    }

    @Test
    void readsAFolderWithoutConfigAsEmpty() {
        TokenizerConfig config = TokenizerConfig.read(dir);

        assertThat(config.specialTokens().named()).isEmpty();
        assertThat(config.addedTokens()).isEmpty();
    }

    @Test
    void rejectsMalformedConfigNamingTheFile() throws IOException {
        write("tokenizer_config.json", "{\"eos_token\": ");

        assertThatThrownBy(() -> TokenizerConfig.read(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_config.json").hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsABadValueNamingFileAndPath() throws IOException {
        write("tokenizer_config.json", "{\"added_tokens_decoder\": {\"5\": {\"content\": 7}}}");

        assertThatThrownBy(() -> TokenizerConfig.read(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_config.json $.added_tokens_decoder[\"5\"].content: expected a string, got 7");
    }

    @Test
    void rejectsTwoAddedTokensWithOneContent() throws IOException {
        write("tokenizer_config.json", "{\"added_tokens_decoder\": {\"5\": {\"content\": \"<a>\"},"
                + " \"6\": {\"content\": \"<a>\"}}}");

        assertThatThrownBy(() -> TokenizerConfig.read(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_config.json").hasMessageContaining("\"<a>\" has two ids, 5 and 6");
    }

    @Test
    void rejectsTwoAddedTokensWithOneIdAcrossLegacyFiles() throws IOException {
        write("tokenizer_config.json", "{}");
        write("added_tokens.json", "{\"<a>\": 5, \"<b>\": 5}");

        assertThatThrownBy(() -> TokenizerConfig.read(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("added_tokens.json").hasMessageContaining("both have id 5");
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
