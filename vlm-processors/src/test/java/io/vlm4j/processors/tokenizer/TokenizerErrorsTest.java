package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorKind;
import io.vlm4j.TokenizerException;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerErrorsTest {
    private static final String QWEN2_CONFIG = "{\"tokenizer_class\": \"Qwen2Tokenizer\"}";
    private static final String LLAMA_CONFIG = "{\"tokenizer_class\": \"LlamaTokenizer\", \"legacy\": false}";

    @TempDir
    Path dir;

    @Test
    void rejectsAFolderWithoutTokenizerFiles() {
        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("no tokenizer files");
        assertThat(TokenizerLoader.canLoad(dir)).isFalse();
    }

    @Test
    void rejectsMissingMergesNamingTheFile() throws IOException {
        write("tokenizer_config.json", QWEN2_CONFIG);
        write("vocab.json", "{\"a\": 0}");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("merges.txt: file not found")
                .satisfies(e -> assertThat(((TokenizerException) e).kind()).isEqualTo(ErrorKind.INPUT));
    }

    @Test
    void rejectsVocabJsonThatIsNotJson() throws IOException {
        write("tokenizer_config.json", QWEN2_CONFIG);
        write("vocab.json", "{\"a\": 0,");
        write("merges.txt", "#version: 0.2\n");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("vocab.json: not valid JSON at line 1");
    }

    @Test
    void rejectsVocabJsonWithANonIntegerId() throws IOException {
        write("tokenizer_config.json", QWEN2_CONFIG);
        write("vocab.json", "{\"a\": 0, \"b\": \"one\"}");
        write("merges.txt", "");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("vocab.json at line 1").hasMessageContaining("a token id >= 0 for \"b\"");
    }

    @Test
    void rejectsVocabJsonWithTwoTokensForOneId() throws IOException {
        write("tokenizer_config.json", QWEN2_CONFIG);
        write("vocab.json", "{\"a\": 0, \"b\": 0}");
        write("merges.txt", "");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("vocab.json").hasMessageContaining("gives id 0 to both");
    }

    @Test
    void rejectsAMergesLineThatIsNotAPair() throws IOException {
        write("tokenizer_config.json", QWEN2_CONFIG);
        Files.copy(GoldenData.model("llava").resolve("vocab.json"), dir.resolve("vocab.json"));
        write("merges.txt", "#version: 0.2\nĠ Ġ\ni n t\n");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("merges.txt line 3: expected two tokens");
    }

    @Test
    void rejectsAMergeOfTokensOutsideTheVocabulary() throws IOException {
        write("tokenizer_config.json", QWEN2_CONFIG);
        write("vocab.json", "{\"a\": 0, \"b\": 1}");
        write("merges.txt", "a b\n");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("merges.txt: merge 1 \"a b\" uses \"ab\", which is not in the vocabulary");
    }

    @Test
    void rejectsATokenizerModelThatIsNotProtobuf() throws IOException {
        write("tokenizer_config.json", LLAMA_CONFIG);
        Files.write(dir.resolve("tokenizer.model"), "not a model at all".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.model: not a SentencePiece model");
    }

    @Test
    void rejectsATruncatedTokenizerModel() throws IOException {
        write("tokenizer_config.json", LLAMA_CONFIG);
        byte[] model = Files.readAllBytes(GoldenData.model("video_llava").resolve("tokenizer.model"));
        Files.write(dir.resolve("tokenizer.model"), Arrays.copyOf(model, model.length / 2));

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer.model: not a SentencePiece model").hasMessageContaining("runs past");
    }

    @Test
    void rejectsAnAddedTokenThatTakesAnotherTokensId() throws IOException {
        copyModel("video_llava");
        write("tokenizer_config.json", "{\"tokenizer_class\": \"LlamaTokenizer\", \"added_tokens_decoder\":"
                + " {\"5\": {\"content\": \"<image>\", \"special\": true}}}");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_config.json: added token \"<image>\" has id 5, which the vocabulary"
                        + " gives to");
    }

    @Test
    void rejectsAnUnsupportedTokenizerClass() throws IOException {
        copyModel("llava");
        write("tokenizer_config.json", "{\"tokenizer_class\": \"BertTokenizer\"}");

        assertThatThrownBy(() -> TokenizerLoader.load(dir)).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("tokenizer_class \"BertTokenizer\" is not supported");
    }

    @Test
    void rejectsDecodingAnIdOutsideTheVocabulary() {
        try (Tokenizer t = TokenizerLoader.load(GoldenData.model("llava_onevision"))) {
            assertThatThrownBy(() -> t.decode(new int[] {151648}, false)).isInstanceOf(TokenizerException.class)
                    .hasMessageContaining("token id 151648 is not in the vocabulary");
            assertThatThrownBy(() -> t.idToToken(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closesIdempotentlyAndRefusesToEncodeOnAClosedEngine() {
        Tokenizer t = TokenizerLoader.load(GoldenData.model("video_llava"));
        assertThat(t.encode("Hi", false)).isNotEmpty();

        t.close();
        t.close();

        assertThatThrownBy(() -> t.encode("Hi", false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private void copyModel(String family) throws IOException {
        for (String f : new String[] {"tokenizer.model", "vocab.json", "merges.txt"}) {
            Path src = GoldenData.model(family).resolve(f);
            if (Files.exists(src)) {
                Files.copy(src, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }
}
