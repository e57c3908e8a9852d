package io.vlm4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorKind;
import io.vlm4j.PluginException;
import io.vlm4j.UnsupportedCapabilityException;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryTest {
    @Test
    void discoversAPluginThatLivesOnlyInTestCode() {
        Registries registries = Registries.load(getClass().getClassLoader());

        assertThat(registries.tokenizers().find("test-only")).get().isInstanceOf(TestOnlyTokenizerFactory.class);
        assertThat(registries.tokenizers().ids()).contains("test-only");
    }

    @Test
    void picksTheDiscoveredPluginWhenItIsTheOnlyOne() {
        Registries registries = Registries.load(getClass().getClassLoader());

        assertThat(registries.tokenizers().byPriority()).first().isInstanceOf(TestOnlyTokenizerFactory.class);
    }

    @Test
    void rejectsDuplicateIdsNamingBothProviders() {
        assertThatThrownBy(() -> Registry.of(TokenizerFactory.class, TokenizerFactory.SPI_VERSION,
                List.of(new TestOnlyTokenizerFactory(), new OtherFactory("test-only", TokenizerFactory.SPI_VERSION))))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining("'test-only'")
                .hasMessageContaining(TestOnlyTokenizerFactory.class.getName())
                .hasMessageContaining(OtherFactory.class.getName())
                .hasMessageContaining("test-classes");
    }

    @Test
    void rejectsAProviderCompiledAgainstAnotherSpiVersion() {
        assertThatThrownBy(() -> Registry.of(TokenizerFactory.class, TokenizerFactory.SPI_VERSION,
                List.of(new OtherFactory("future", TokenizerFactory.SPI_VERSION + 1))))
                .isInstanceOf(PluginException.class)
                .hasMessageContaining(OtherFactory.class.getName())
                .hasMessageContaining("SPI version " + (TokenizerFactory.SPI_VERSION + 1))
                .satisfies(e -> assertThat(((PluginException) e).kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    }

    @Test
    void refusesAnUndeclaredCapabilityNamingIt() {
        assertThatThrownBy(() -> Registry.requireCapability(new TestOnlyTokenizerFactory(),
                TokenizerFactory.Capability.SENTENCEPIECE))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("SENTENCEPIECE")
                .hasMessageContaining("test-only");
    }

    @Test
    void acceptsADeclaredCapability() {
        Registry.requireCapability(new TestOnlyTokenizerFactory(), TokenizerFactory.Capability.VOCAB_MERGES);
    }

    /** A second provider class, so that a duplicate id comes from another class. */
    static final class OtherFactory implements TokenizerFactory {
        private final String id;
        private final int version;

        OtherFactory(String id, int version) {
            this.id = id;
            this.version = version;
        }

        @Override
        public Set<String> ids() {
            return Set.of(id);
        }

        @Override
        public int spiVersion() {
            return version;
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.noneOf(Capability.class);
        }

        @Override
        public boolean canLoad(Path folder) {
            return false;
        }

        @Override
        public Tokenizer load(Path folder) {
            throw new UnsupportedOperationException();
        }
    }
}
