package io.vlm4j.spi;

import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;

/**
 * Loads tokenizers from checkpoint folders.
 *
 * <p>Ids: a factory name ({@code hf}). Thread-safe.
 */
public interface TokenizerFactory extends Provider<TokenizerFactory.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** The file layouts a factory reads. */
    enum Capability {
        /** {@code tokenizer.json}. */
        TOKENIZER_JSON,
        /** Byte-level BPE from {@code vocab.json} + {@code merges.txt}. */
        VOCAB_MERGES,
        /** SentencePiece {@code tokenizer.model}. */
        SENTENCEPIECE
    }

    /** True if {@code folder} holds files this factory loads (checked by file names only). */
    boolean canLoad(Path folder);

    /**
     * Loads the tokenizer of a checkpoint folder, with its added and special tokens from
     * {@code tokenizer_config.json}, {@code added_tokens.json} and {@code special_tokens_map.json}.
     *
     * @throws io.vlm4j.TokenizerException if a file is missing or malformed (the message names it)
     */
    Tokenizer load(Path folder);
}
