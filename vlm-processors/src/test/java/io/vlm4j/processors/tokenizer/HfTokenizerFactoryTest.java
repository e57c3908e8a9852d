package io.vlm4j.processors.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerFactoryTest {
    @Test
    void isFoundByServiceLoaderUnderIdHf() {
        List<TokenizerFactory> found = ServiceLoader.load(TokenizerFactory.class).stream()
                .map(ServiceLoader.Provider::get).collect(Collectors.toList());

        assertThat(found).filteredOn(f -> f.ids().contains("hf")).hasSize(1).first()
                .satisfies(f -> assertThat(f.spiVersion()).isEqualTo(TokenizerFactory.SPI_VERSION))
                .satisfies(f -> assertThat(f.capabilities()).containsExactlyInAnyOrder(
                        TokenizerFactory.Capability.values()));
    }

    @Test
    void recognisesCheckpointFoldersByFileNames(@TempDir Path empty) {
        HfTokenizerFactory factory = new HfTokenizerFactory();

        assertThat(factory.canLoad(GoldenData.model("llava"))).isTrue();
        assertThat(factory.canLoad(GoldenData.model("video_llava"))).isTrue();
        assertThat(factory.canLoad(empty)).isFalse();
    }

    @Test
    void loadsATokenizerWithItsSpecialTokens() {
        try (Tokenizer t = new HfTokenizerFactory().load(GoldenData.model("llava_next_video"))) {
            assertThat(t.specialTokens().get("bos_token")).contains("<s>");
            assertThat(t.encode("<video>", true)).containsExactly(1, 29871, 32000);
        }
    }
}
