package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.StreamingDecoder;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case: HF's slow tokenizers' ids and decoded text, reproduced exactly. */
class GoldenTokenizerTest {
    private static final Map<Path, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    @TempDir
    static Path scratch;

    static Stream<Path> cases() {
        return Stream.concat(GoldenData.allCases(GoldenData.golden()).stream(),
                GoldenData.allCases(GoldenData.goldenProcessor()).stream());
    }

    static Stream<Path> generationCases() {
        return GoldenData.allCases(GoldenData.golden()).stream().filter(c -> Files.exists(c.resolve("generation.json")));
    }

    static Tokenizer tokenizer(Path model) {
        return TOKENIZERS.computeIfAbsent(model.toAbsolutePath().normalize(), TokenizerLoader::load);
    }

    @AfterAll
    static void closeTokenizers() {
        TOKENIZERS.values().forEach(Tokenizer::close);
        TOKENIZERS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesTheExpandedPromptToTheProcessorsInputIds(Path caseDir) {
        GoldenCase c = GoldenCase.of(caseDir, scratch);

        int[] ids = tokenizer(c.model()).encode(c.expandedPrompt(), true);

        assertIdsEqual(c.name() + " input_ids", ids, c.inputIds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationCases")
    void decodesGeneratedIdsWithAndWithoutSpecialTokens(Path caseDir) {
        Generation g = Generation.of(caseDir);
        Tokenizer tokenizer = tokenizer(caseDir.getParent().resolve("model"));

        assertThat(tokenizer.decode(g.ids, true)).as(g.name + " text").isEqualTo(g.text);
        assertThat(tokenizer.decode(g.ids, false)).as(g.name + " text_with_special_tokens")
                .isEqualTo(g.textWithSpecialTokens);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generationCases")
    void streamsGeneratedIdsIntoPiecesThatConcatenateToTheDecodedText(Path caseDir) {
        Generation g = Generation.of(caseDir);
        Tokenizer tokenizer = tokenizer(caseDir.getParent().resolve("model"));

        assertThat(stream(tokenizer, g.ids, true)).as(g.name + " streamed text").isEqualTo(g.text);
        assertThat(stream(tokenizer, g.ids, false)).as(g.name + " streamed text_with_special_tokens")
                .isEqualTo(g.textWithSpecialTokens);
    }

    static String stream(Tokenizer tokenizer, int[] ids, boolean skipSpecialTokens) {
        StreamingDecoder decoder = tokenizer.newStreamingDecoder(skipSpecialTokens);
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String piece = decoder.push(id);
            assertThat(piece.isEmpty() || !Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                    .as("piece of id " + id + " ends inside a character").isTrue();
            sb.append(piece);
        }
        return sb.append(decoder.flush()).toString();
    }

    static void assertIdsEqual(String what, int[] actual, long[] expected) {
        int n = Math.min(actual.length, expected.length);
        for (int i = 0; i < n; i++) {
            if (actual[i] != expected[i]) {
                int from = Math.max(0, i - 5);
                throw new AssertionError(what + ": first difference at index " + i + ": expected " + expected[i]
                        + ", got " + actual[i] + "; expected[" + from + "..] = "
                        + Arrays.toString(Arrays.copyOfRange(expected, from, Math.min(expected.length, i + 6)))
                        + ", actual[" + from + "..] = "
                        + Arrays.toString(Arrays.copyOfRange(actual, from, Math.min(actual.length, i + 6))));
            }
        }
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
    }

    /** generation.json. */
    static final class Generation {
        final String name;
        final int[] ids;
        final String text;
        final String textWithSpecialTokens;

        private Generation(String name, int[] ids, String text, String textWithSpecialTokens) {
            this.name = name;
            this.ids = ids;
            this.text = text;
            this.textWithSpecialTokens = textWithSpecialTokens;
        }

        static Generation of(Path caseDir) {
            ConfigNode g = ConfigNode.read(caseDir.resolve("generation.json"));
            return new Generation(caseDir.getParent().getFileName() + "/" + caseDir.getFileName(),
                    g.get("new_token_ids").asIntArray(), g.get("text").asString(),
                    g.get("text_with_special_tokens").asString());
        }
    }

}
