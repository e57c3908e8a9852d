package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.StreamingDecoder;
import io.vlm4j.text.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hard texts for both vocabularies (emoji, CJK, combining marks, digits, whitespace runs, newlines, special
 * tokens next to text, leading spaces) with the slow tokenizers' ids (tricky-texts.json says how they were made).
 */
class TrickyTextTest {
    private static Tokenizer qwen2;
    private static Tokenizer qwen2OnHf;
    private static Tokenizer llama;

    @BeforeAll
    static void load() {
        qwen2 = TokenizerLoader.load(GoldenData.model("llava_onevision"));
        qwen2OnHf = TokenizerLoader.load(GoldenData.model("llava_onevision"), TokenizerLoader.Engine.HF_TOKENIZERS);
        llama = TokenizerLoader.load(GoldenData.model("video_llava"));
    }

    @AfterAll
    static void close() {
        qwen2.close();
        qwen2OnHf.close();
        llama.close();
    }

    record Case(String vocabulary, int index, String text, int[] ids) {
        @Override
        public String toString() {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            return vocabulary + "[" + index + "] " + TokenizerConfig.quote(shown);
        }
    }

    static List<Case> cases(String vocabulary) {
        try (InputStream in = TrickyTextTest.class.getResourceAsStream("tricky-texts.json")) {
            ConfigNode root = ConfigNode.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "tricky-texts.json");
            List<Case> out = new ArrayList<>();
            List<ConfigNode> list = root.get(vocabulary).elements();
            for (int i = 0; i < list.size(); i++) {
                out.add(new Case(vocabulary, i, list.get(i).get("text").asString(), list.get(i).get("ids").asIntArray()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> all() {
        return Stream.concat(cases("qwen2").stream(), cases("llama").stream()).map(Arguments::of);
    }

    static Stream<Arguments> qwen2Cases() {
        return cases("qwen2").stream().map(Arguments::of);
    }

    private static Tokenizer tokenizer(Case c) {
        return c.vocabulary().equals("qwen2") ? qwen2 : llama;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void encodesToTheSlowTokenizersIds(Case c) {
        assertThat(tokenizer(c).encode(c.text(), true)).as(c.toString()).containsExactly(c.ids());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void encodesTheSameIdsAgain(Case c) {
        int[] first = tokenizer(c).encode(c.text(), true);

        assertThat(tokenizer(c).encode(c.text(), true)).as(c.toString()).containsExactly(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qwen2Cases")
    void qwen2OnHfTokenizersGivesTheSameIdsAsTheJavaBpe(Case c) {
        assertThat(qwen2OnHf.encode(c.text(), true)).as(c.toString()).containsExactly(qwen2.encode(c.text(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("qwen2Cases")
    void qwen2DecodesItsIdsBackToTheNfcText(Case c) {
        String nfc = Normalizer.normalize(c.text(), Normalizer.Form.NFC);

        assertThat(qwen2.decode(qwen2.encode(c.text(), false), false)).as(c.toString()).isEqualTo(nfc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void llamaDecodesPlainTextBackToItself(Case c) {
        boolean plain = c.vocabulary().equals("llama") && c.text().indexOf('\u2581') < 0 && !c.text().contains("<");
        if (plain) {
            assertThat(llama.decode(llama.encode(c.text(), true), true)).as(c.toString()).isEqualTo(c.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void streamsPiecesThatConcatenateToTheDecodeAndNeverSplitACharacter(Case c) {
        Tokenizer t = tokenizer(c);
        for (boolean skip : new boolean[] {false, true}) {
            String full = t.decode(c.ids(), skip);
            StreamingDecoder decoder = t.newStreamingDecoder(skip);
            StringBuilder sb = new StringBuilder();
            for (int id : c.ids()) {
                String piece = decoder.push(id);
                if (full.indexOf('\uFFFD') < 0) {
                    assertThat(piece).as(c + " piece of id " + id).doesNotContain("\uFFFD");
                }
                assertThat(piece.isEmpty() || !Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                        .as(c + " piece of id " + id + " ends inside a character").isTrue();
                sb.append(piece);
            }
            assertThat(sb.append(decoder.flush()).toString()).as(c + " skip=" + skip).isEqualTo(full);
        }
    }

    @Test
    void keepsSpecialAndAddedTokensWhole() {
        assertThat(qwen2.encode("<|im_start|><image><video><|im_end|><|endoftext|>", false))
                .containsExactly(151644, 151646, 151647, 151645, 151643);
        assertThat(llama.encode("<image><video><s></s>", false)).containsExactly(29871, 32000, 32001, 1, 2);
        assertThat(qwen2.tokenToId("<|im_start|>")).hasValue(151644);
        assertThat(llama.tokenToId("<video>")).hasValue(32001);
    }

    @Test
    void byteLevelDecodingReplacesAnIncompleteCharacterOnceAsPythonDoes() {
        // "€" is E2 82 AC; its first two bytes alone are one maximal invalid subpart for Python's "replace"
        int e2 = qwen2.tokenToId(String.valueOf(BytesToUnicode.charOf(0xE2))).getAsInt();
        int x82 = qwen2.tokenToId(String.valueOf(BytesToUnicode.charOf(0x82))).getAsInt();
        int a = qwen2.tokenToId("a").getAsInt();

        assertThat(qwen2.decode(new int[] {e2, x82, a}, false)).isEqualTo("\uFFFDa");
        assertThat(qwen2.decode(new int[] {e2, x82}, false)).isEqualTo("\uFFFD");
    }

    @Test
    void sentencePieceDecodingReplacesEachBadByteAsSentencePieceDoes() {
        // SentencePiece's DecodeUTF8 rejects E2 82 without its third byte one byte at a time
        int e2 = llama.tokenToId("<0xE2>").getAsInt();
        int x82 = llama.tokenToId("<0x82>").getAsInt();
        int xac = llama.tokenToId("<0xAC>").getAsInt();
        int a = llama.tokenToId("a").getAsInt();

        assertThat(llama.decode(new int[] {a, e2, x82, a}, false)).isEqualTo("a\uFFFD\uFFFDa");
        assertThat(llama.decode(new int[] {a, e2, x82, xac}, false)).isEqualTo("a\u20AC");
    }

    @Test
    void llamaDecodeStripsTheFirstPiecesSpaceAndJoinsAroundLegacyAddedTokens() {
        int hello = llama.tokenToId("\u2581Hello").getAsInt();
        int world = llama.tokenToId("\u2581world").getAsInt();

        assertThat(llama.decode(new int[] {hello, world}, false)).isEqualTo("Hello world");
        // <image> is added but not special: _decode keeps it apart and joins the parts with spaces
        assertThat(llama.decode(new int[] {hello, 32000, world}, false)).isEqualTo("Hello <image> world");
        // convert_tokens_to_string: "<s>" is written as is, then sp_model.decode(["▁Hello"]) keeps its space
        // (legacy=False loads the model without add_dummy_prefix, so SentencePiece strips nothing)
        assertThat(llama.decode(new int[] {1, hello, 2}, false)).isEqualTo("<s> Hello</s>");
        assertThat(llama.decode(new int[] {1, hello, 2}, true)).isEqualTo("Hello");
    }

    @Test
    void decodesAllSpecialIdsAsHfListsThem() {
        assertThat(llama.allSpecialIds()).containsExactly(1, 2, 0, 32002);
        assertThat(qwen2.allSpecialIds()).containsExactly(151645, 151643, 151644, 151646, 151647);
        assertThat(qwen2.vocabSize()).isEqualTo(151648);
        assertThat(llama.vocabSize()).isEqualTo(32003);
        assertThat(Arrays.asList(qwen2.idToToken(151646), llama.idToToken(13))).containsExactly("<image>", "<0x0A>");
    }
}
