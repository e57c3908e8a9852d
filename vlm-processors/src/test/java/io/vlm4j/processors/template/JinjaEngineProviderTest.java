package io.vlm4j.processors.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.spi.ChatTemplateEngine;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JinjaEngineProviderTest {
    @Test
    void serviceLoaderFindsTheJinjaEngineWithItsCapabilities() {
        List<ChatTemplateEngine> engines = ServiceLoader.load(ChatTemplateEngine.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());
        assertThat(engines).filteredOn(e -> e.ids().contains("jinja")).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(JinjaEngine.class);
            assertThat(e.spiVersion()).isEqualTo(ChatTemplateEngine.SPI_VERSION);
            assertThat(e.capabilities()).containsExactlyInAnyOrder(ChatTemplateEngine.Capability.SANDBOXED,
                    ChatTemplateEngine.Capability.GENERATION_BLOCKS);
        });
    }
}
