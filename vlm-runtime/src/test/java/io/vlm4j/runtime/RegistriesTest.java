package io.vlm4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.PluginException;
import org.junit.jupiter.api.Test;

/** {@link Registries#of}: registries of exactly the providers given, checked as discovery checks them. */
class RegistriesTest {
    @Test
    void eachProviderGoesIntoTheRegistryOfItsSpiAndNoOther() {
        TinyFamily family = new TinyFamily("tiny");
        TestOnlyTokenizerFactory tokenizers = new TestOnlyTokenizerFactory();

        Registries r = Registries.of(family, tokenizers);

        assertThat(r.families().find("tiny")).containsSame(family);
        assertThat(r.tokenizers().all()).containsExactly(tokenizers);
        assertThat(r.backends().all()).isEmpty();
        assertThat(r.templateEngines().all()).isEmpty();
        assertThat(r.imageProcessors().all()).isEmpty();
        assertThat(r.videoProcessors().all()).isEmpty();
        assertThat(r.videoDecoders().all()).isEmpty();
    }

    @Test
    void aDuplicateIdIsRefusedAsDiscoveryRefusesIt() {
        assertThatThrownBy(() -> Registries.of(new TinyFamily("tiny"), new TinyFamily("tiny")))
                .isInstanceOf(PluginException.class).hasMessageContaining("tiny");
    }
}
