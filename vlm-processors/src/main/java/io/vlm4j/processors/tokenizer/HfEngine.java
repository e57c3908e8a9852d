package io.vlm4j.processors.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import io.vlm4j.TokenizerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * HF tokenizers (the Rust library, through DJL's binding) running one {@code tokenizer.json}: encodes text to ids
 * with no special tokens, no truncation and no padding.
 *
 * <p>Thread-safe; holds native memory until {@link #close()}, which is idempotent and waits for encodes in flight.
 */
final class HfEngine implements AutoCloseable {
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private HfEngine(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a {@code tokenizer.json} text; {@code source} names it in errors.
     *
     * @throws TokenizerException if HF tokenizers refuses it or its native library cannot load
     */
    static HfEngine fromJson(String json, String source) {
        DjlOffline.ensure();
        try {
            return new HfEngine(HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), OPTIONS));
        } catch (IOException | RuntimeException e) {
            throw new TokenizerException(source + ": HF tokenizers cannot load it: " + e.getMessage(), e);
        }
    }

    /** Appends the ids of {@code text}. */
    void encode(String text, IntList out) {
        lock.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the tokenizer is closed");
            }
            long handle = tokenizer.getHandle();
            long encoding = TokenizersLibrary.LIB.encode(handle, text, false);
            try {
                for (long id : TokenizersLibrary.LIB.getTokenIds(encoding)) {
                    out.add((int) id);
                }
            } finally {
                TokenizersLibrary.LIB.deleteEncoding(encoding);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
