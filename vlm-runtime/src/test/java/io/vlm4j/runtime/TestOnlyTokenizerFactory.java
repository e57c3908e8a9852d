package io.vlm4j.runtime;

import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** A plugin that lives only in test code, registered by this module's test {@code META-INF/services}. */
public final class TestOnlyTokenizerFactory implements TokenizerFactory {
    @Override
    public Set<String> ids() {
        return Set.of("test-only");
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.VOCAB_MERGES);
    }

    @Override
    public boolean canLoad(Path folder) {
        return Files.exists(folder.resolve("test-only.txt"));
    }

    @Override
    public Tokenizer load(Path folder) {
        throw new UnsupportedOperationException("never loaded by these tests");
    }
}
