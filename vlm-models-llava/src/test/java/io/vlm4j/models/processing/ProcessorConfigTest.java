package io.vlm4j.models.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.TemplateException;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What processor_config.json must give, and what a checkpoint without a chat template can still do. */
class ProcessorConfigTest {
    private static final List<String> FILES = List.of("config.json", "tokenizer_config.json", "vocab.json",
            "merges.txt", "preprocessor_config.json");

    @TempDir
    Path dir;

    private Path checkpoint(String family, String processorConfig) throws IOException {
        for (String f : FILES) {
            Files.copy(GoldenData.model(family).resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("processor_config.json"), processorConfig);
        return dir;
    }

    @Test
    void aMissingPatchSizeIsAConfigErrorNamingTheKey() throws IOException {
        Path model = checkpoint("llava", "{\"vision_feature_select_strategy\": \"default\"}");

        assertThatThrownBy(() -> AutoProcessor.fromPretrained(model)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor_config.json $.patch_size: expected a positive integer");
    }

    @Test
    void anUnknownStrategyIsAConfigErrorNamingTheValue() throws IOException {
        Path model = checkpoint("llava_onevision",
                "{\"num_image_tokens\": 9, \"vision_feature_select_strategy\": \"cls\"}");

        assertThatThrownBy(() -> AutoProcessor.fromPretrained(model)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.vision_feature_select_strategy: expected \"default\" or \"full\"")
                .hasMessageContaining("\"cls\"");
    }

    @Test
    void anImageTokenTheTokenizerLacksIsAConfigErrorNamingIt() throws IOException {
        Path model = checkpoint("llava", "{\"patch_size\": 14, \"vision_feature_select_strategy\": \"default\","
                + " \"image_token\": \"<picture>\"}");

        assertThatThrownBy(() -> AutoProcessor.fromPretrained(model)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("processor_config.json $.image_token")
                .hasMessageContaining("has no token <picture> for the image placeholder");
    }

    @Test
    void withoutAChatTemplateRawPromptsStillProcessAndChatsSayWhatIsMissing() throws IOException {
        Path model = checkpoint("llava", "{\"patch_size\": 14, \"vision_feature_select_strategy\": \"default\"}");

        try (Processor p = AutoProcessor.fromPretrained(model)) {
            assertThat(p.chatTemplate()).isEmpty();
            assertThat(p.process("Hello.", List.of(), List.of()).sequenceLength()).isEqualTo(2);
            assertThatThrownBy(() -> p.apply(Conversation.of(Message.user("Hi.")), ChatOptions.defaults()))
                    .isInstanceOf(TemplateException.class).hasMessageContaining("chat_template");
        }
    }
}
