package io.vlm4j.runtime.generation;

import io.vlm4j.text.StreamingDecoder;

/**
 * The streaming decoder of a {@link Detokenizer} that has none of its own: vlm-api's
 * {@link StreamingDecoder#redecoding} over {@link Detokenizer#decode} — after each token it decodes the whole
 * sequence again and gives the text added since the last piece, held back while the text ends inside a character,
 * so that no piece breaks one; where a clean-up rewrites earlier text, the stream goes on after what it already
 * gave, as HF's {@code TextStreamer} does.
 *
 * <p>One per sequence: not thread-safe.
 */
final class TextStream implements StreamingDecoder {
    private final StreamingDecoder decoder;

    TextStream(Detokenizer detokenizer) {
        this.decoder = StreamingDecoder.redecoding(detokenizer::decode);
    }

    @Override
    public String push(int id) {
        return decoder.push(id);
    }

    @Override
    public String flush() {
        return decoder.flush();
    }
}
