package io.vlm4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorCode;
import io.vlm4j.TokenizerException;
import io.vlm4j.UnsupportedCapabilityException;
import io.vlm4j.UnsupportedModelException;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Conversation;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Padding;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.spi.Provider;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AutoProcessor finds the family by model_type and hands it a context backed by the registries. */
class AutoProcessorTest {
    @TempDir
    Path dir;

    /** A processor that only shows the context its family was given. */
    record ContextProbe(ProcessorContext context) implements Processor {
        @Override
        public String applyChatTemplate(Conversation conversation, ChatOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BatchFeature apply(List<Conversation> conversations, ChatOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public BatchFeature process(List<String> text, List<RgbImage> images, List<VideoFrames> videos,
                Padding padding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Tokenizer tokenizer() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> chatTemplate() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }

    /** A family whose processor shows the context it was given. */
    static final class ProcessingFamily extends TinyFamily {
        ProcessingFamily() {
            super("tiny");
        }

        @Override
        public Processor createProcessor(ProcessorContext context) {
            return new ContextProbe(context);
        }
    }

    private static Registries registries(List<TokenizerFactory> tokenizers) {
        List<Provider<?>> providers = new ArrayList<>(tokenizers);
        providers.add(new ProcessingFamily());
        providers.add(new TinyFamily("tiny_no_processor"));
        return Registries.of(providers);
    }

    private ProcessorContext context() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"tiny\"}");
        Processor p = AutoProcessor.fromPretrained(dir, registries(List.of(new TestOnlyTokenizerFactory())));
        return ((ContextProbe) p).context();
    }

    @Test
    void theFamilyOfTheModelTypeBuildsTheProcessorFromTheCheckpointAndItsParsedConfig() throws Exception {
        ProcessorContext context = context();

        assertThat(context.checkpoint()).isEqualTo(dir);
        assertThat(context.config()).isInstanceOf(TinyFamily.TinyConfig.class);
        assertThat(context.config().modelType()).isEqualTo("tiny");
    }

    @Test
    void anUnservedModelTypeNamesItAndTheRegisteredFamilies() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llava_next\"}");

        assertThatThrownBy(() -> AutoProcessor.fromPretrained(dir, registries(List.of())))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("config.json $.model_type")
                .hasMessageContaining("'llava_next'")
                .hasMessageContaining("registered: tiny, tiny_no_processor");
    }

    @Test
    void aFamilyThatBuildsNoProcessorIsAnUnsupportedCapability() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"tiny_no_processor\"}");

        assertThatThrownBy(() -> AutoProcessor.fromPretrained(dir, registries(List.of())))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("tiny_no_processor").hasMessageContaining("builds no processor");
    }

    @Test
    void aMissingFolderIsNotFoundNamingIt() {
        Path missing = dir.resolve("nothing");

        assertThatThrownBy(() -> AutoProcessor.fromPretrained(missing, registries(List.of())))
                .isInstanceOf(VlmException.class)
                .satisfies(e -> assertThat(((VlmException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void theContextReadsTheCheckpointsJsonFilesAndSubfolders() throws Exception {
        Files.writeString(dir.resolve("processor_config.json"), "{\"patch_size\": 14}");
        Files.createDirectories(dir.resolve("video_processor"));
        Files.writeString(dir.resolve("video_processor/preprocessor_config.json"), "{\"size\": 1}");
        ProcessorContext context = context();

        assertThat(context.json("processor_config.json").orElseThrow().get("patch_size").asInt()).isEqualTo(14);
        assertThat(context.json("video_processor/preprocessor_config.json").orElseThrow().location())
                .isEqualTo("video_processor/preprocessor_config.json $");
        assertThat(context.json("preprocessor_config.json")).isEmpty();
    }

    @Test
    void aMalformedJsonFileIsAConfigErrorNamingIt() throws Exception {
        Files.writeString(dir.resolve("processor_config.json"), "{\"patch_size\": ");
        ProcessorContext context = context();

        assertThatThrownBy(() -> context.json("processor_config.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("processor_config.json: not valid JSON");
    }

    @Test
    void aJsonFileOutsideTheCheckpointIsRefused() throws Exception {
        ProcessorContext context = context();

        assertThatThrownBy(() -> context.json("../config.json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a file inside the checkpoint folder");
    }

    @Test
    void aFolderNoTokenizerFactoryLoadsNamesTheInstalledFactories() throws Exception {
        ProcessorContext context = context();

        assertThatThrownBy(context::tokenizer).isInstanceOf(TokenizerException.class)
                .hasMessageContaining("no tokenizer factory can load this folder (installed: test-only");
    }

    @Test
    void anImageProcessorClassNoFactoryBuildsNamesTheClassAndTheInstalledOnes() throws Exception {
        ProcessorContext context = context();
        ConfigNode config = ConfigNode.of(Map.of("image_processor_type", "FancyImageProcessor"),
                "preprocessor_config.json");

        assertThatThrownBy(() -> context.imageProcessor("FancyImageProcessor", config))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("no image processor factory builds FancyImageProcessor (installed: none)");
        assertThatThrownBy(() -> context.videoProcessor("FancyVideoProcessor", config))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("no video processor factory builds FancyVideoProcessor (installed: none)");
    }

    @Test
    void withoutAMediaDecoderOrATemplateEngineTheContextSaysWhatToAdd() throws Exception {
        ProcessorContext context = context();

        assertThatThrownBy(context::mediaDecoder).isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("no media decoder is available").hasMessageContaining("add vlm-video");
        assertThatThrownBy(() -> context.compileChatTemplate("{{ x }}"))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("no chat-template engine is installed");
    }
}
