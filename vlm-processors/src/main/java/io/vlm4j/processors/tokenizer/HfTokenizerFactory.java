package io.vlm4j.processors.tokenizer;

import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code hf} tokenizer provider: HF transformers' slow tokenizers ({@code Qwen2Tokenizer},
 * {@code LlamaTokenizer}) from {@code tokenizer.json} or the legacy files, on HF tokenizers (see
 * {@link TokenizerLoader}).
 *
 * <p>Discovery loads no native library; {@link #load} does. Thread-safe.
 */
public final class HfTokenizerFactory implements TokenizerFactory {
    /** The provider id. */
    public static final String ID = "hf";

    public HfTokenizerFactory() {
        DjlOffline.ensure();
    }

    @Override
    public Set<String> ids() {
        return Set.of(ID);
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public boolean canLoad(Path folder) {
        return TokenizerLoader.canLoad(folder);
    }

    @Override
    public Tokenizer load(Path folder) {
        return TokenizerLoader.load(folder);
    }
}
