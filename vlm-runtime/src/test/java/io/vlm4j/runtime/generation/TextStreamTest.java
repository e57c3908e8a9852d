package io.vlm4j.runtime.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextStreamTest {
    /** A byte-level "tokenizer": token id = one UTF-8 byte; incomplete sequences decode to U+FFFD, as HF's do. */
    private static final Detokenizer BYTES = ids -> {
        byte[] bytes = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            bytes[i] = (byte) ids[i];
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    };

    @Test
    void piecesNeverSplitAMultiByteCharacter() {
        String text = "a€b😀c";
        TextStream stream = new TextStream(BYTES);
        List<String> pieces = new ArrayList<>();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            String piece = stream.push(b & 0xff);
            if (!piece.isEmpty()) {
                pieces.add(piece);
            }
        }
        assertThat(pieces).containsExactly("a", "€", "b", "😀", "c");
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(stream.flush()).isEmpty();
    }

    @Test
    void flushGivesAnIncompleteEndAtTheEndOfGeneration() {
        TextStream stream = new TextStream(BYTES);
        assertThat(stream.push('x')).isEqualTo("x");
        assertThat(stream.push(0xE2)).isEmpty();
        assertThat(stream.flush()).isEqualTo("\uFFFD");
    }

    @Test
    void stopStringsMustOverlapTheLastToken() {
        StopStrings stop = new StopStrings(List.of("stop"));
        assertThat(stop.completes("las" + "topper", 3)).isTrue();
        assertThat(stop.completes("st" + "op", 2)).isTrue();
        assertThat(stop.completes("s" + "to" + "pped", 3)).isTrue();
        assertThat(stop.completes("stop" + "at", 4)).isFalse();
        assertThat(stop.completes("no", 0)).isFalse();
    }
}
