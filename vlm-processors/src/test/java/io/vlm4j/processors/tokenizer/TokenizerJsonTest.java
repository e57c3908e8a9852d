package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A folder with the tokenizer.json converted from the legacy files tokenizes as the legacy files do. */
class TokenizerJsonTest {
    @TempDir
    Path dir;

    static Stream<String> families() {
        return GoldenData.families().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aTokenizerJsonFolderGivesTheSameIdsAsTheLegacyFiles(String family) throws IOException {
        Path model = GoldenData.model(family);
        Path folder = Files.createDirectories(dir.resolve("json"));
        Files.writeString(folder.resolve("tokenizer.json"), TokenizerLoader.tokenizerJson(model));
        Files.copy(model.resolve("tokenizer_config.json"), folder.resolve("tokenizer_config.json"));

        try (Tokenizer fromJson = TokenizerLoader.load(folder)) {
            for (Path caseDir : GoldenData.cases(GoldenData.golden(), family)) {
                GoldenCase c = GoldenCase.of(caseDir, dir);
                GoldenTokenizerTest.assertIdsEqual(c.name() + " from tokenizer.json",
                        fromJson.encode(c.expandedPrompt(), true), c.inputIds());
            }
            assertThat(fromJson.specialTokens()).isEqualTo(GoldenTokenizerTest.tokenizer(model).specialTokens());
            assertThat(fromJson.allSpecialIds()).isEqualTo(GoldenTokenizerTest.tokenizer(model).allSpecialIds());
        }
    }

    @Test
    void hfTokenizersRunsTheConvertedQwen2TokenizerJsonAsAFastTokenizer() {
        Path model = GoldenData.model("llava_onevision");
        String text = "<|im_start|>user\nWhat's in this image? 日本語<|im_end|>\n";
        HfEngine fast = HfEngine.fromJson(TokenizerLoader.tokenizerJson(model), "tokenizer.json");
        try (fast; Tokenizer slow = TokenizerLoader.load(model)) {
            IntList ids = new IntList(16);
            fast.encode(text, ids);

            assertThat(ids.toArray()).containsExactly(slow.encode(text, true));
        }
    }

    @Test
    void aTokenizerJsonWithTheQwen2PipelineRunsOnTheJavaBpeAndAnotherOnHfTokenizers() throws IOException {
        Path model = GoldenData.model("llava");
        String json = TokenizerLoader.tokenizerJson(model);
        Path other = Files.createDirectories(dir.resolve("gpt2-split"));
        // the same vocabulary behind GPT-2's regex (ByteLevel with use_regex) instead of Qwen2's Split
        String gpt2 = json.replaceFirst("\"pre_tokenizer\":\\{.*?\\]\\}",
                "\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,"
                        + "\"use_regex\":true}");
        Files.writeString(other.resolve("tokenizer.json"), gpt2);
        Files.copy(model.resolve("tokenizer_config.json"), other.resolve("tokenizer_config.json"));

        // GPT-2's regex splits "\n\nhello" as "\n", "\n", "hello"; Qwen2's as "\n\n", "hello"
        try (Tokenizer t = TokenizerLoader.load(other); Tokenizer q = TokenizerLoader.load(model)) {
            int newline = q.tokenToId("\u010a").getAsInt();
            int hello = q.tokenToId("hello").getAsInt();
            assertThat(t.encode("\n\nhello", false)).containsExactly(newline, newline, hello);
            assertThat(q.encode("\n\nhello", false)).containsExactly(q.tokenToId("\u010a\u010a").getAsInt(), hello);
        }
    }
}
