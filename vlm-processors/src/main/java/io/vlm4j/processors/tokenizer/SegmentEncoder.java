package io.vlm4j.processors.tokenizer;

/**
 * Encodes one piece of text between added tokens with a tokenizer model: the engine under a slow tokenizer's
 * {@code _tokenize}. Thread-safe; {@link #close()} frees native memory, if any, and is idempotent.
 */
interface SegmentEncoder extends AutoCloseable {
    /** Appends the ids of {@code segment}. */
    void encode(String segment, IntList out);

    @Override
    void close();

    /** HF tokenizers running a tokenizer.json. */
    static SegmentEncoder of(HfEngine engine) {
        return new SegmentEncoder() {
            @Override
            public void encode(String segment, IntList out) {
                engine.encode(segment, out);
            }

            @Override
            public void close() {
                engine.close();
            }
        };
    }
}
