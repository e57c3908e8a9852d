package io.vlm4j.processors.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplatesTest {
    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void chatTemplateJsonComesFirst() throws IOException {
        write("chat_template.json", "{\"chat_template\": \"processor\"}");
        write("processor_config.json", "{\"chat_template\": \"processor_config\"}");
        write("tokenizer_config.json", "{\"chat_template\": \"tokenizer\"}");
        write("chat_template.jinja", "jinja");
        ChatTemplates.Found f = ChatTemplates.find(dir);
        assertThat(f.source()).isEqualTo("processor");
        assertThat(f.file().getFileName()).hasToString("chat_template.json");
    }

    @Test
    void processorConfigComesBeforeTheTokenizerConfig() throws IOException {
        write("processor_config.json", "{\"chat_template\": \"processor_config\", \"patch_size\": 14}");
        write("tokenizer_config.json", "{\"chat_template\": \"tokenizer\"}");
        assertThat(ChatTemplates.find(dir).source()).isEqualTo("processor_config");
    }

    @Test
    void theTokenizerConfigTemplateComesBeforeChatTemplateJinja() throws IOException {
        write("tokenizer_config.json", "{\"chat_template\": \"tokenizer\"}");
        write("chat_template.jinja", "jinja");
        assertThat(ChatTemplates.find(dir).source()).isEqualTo("tokenizer");
    }

    @Test
    void chatTemplateJinjaIsReadAsItIsWhenNothingElseHasATemplate() throws IOException {
        write("tokenizer_config.json", "{\"eos_token\": \"</s>\"}");
        write("chat_template.jinja", "{{ x }}\r\n");
        assertThat(ChatTemplates.find(dir).source()).isEqualTo("{{ x }}\r\n");
    }

    @Test
    void namedTemplatesChooseDefaultToolUseWithToolsOrTheNameAsked() throws IOException {
        write("tokenizer_config.json", "{\"chat_template\": [{\"name\": \"default\", \"template\": \"D\"},"
                + " {\"name\": \"tool_use\", \"template\": \"T\"}, {\"name\": \"rag\", \"template\": \"R\"}]}");
        assertThat(ChatTemplates.find(dir).source()).isEqualTo("D");
        assertThat(ChatTemplates.find(dir, null, true).source()).isEqualTo("T");
        ChatTemplates.Found rag = ChatTemplates.find(dir, "rag", false);
        assertThat(rag.source()).isEqualTo("R");
        assertThat(rag.name()).isEqualTo("rag");
    }

    @Test
    void namedTemplatesWithoutADefaultAreHfsError() throws IOException {
        write("tokenizer_config.json", "{\"chat_template\": [{\"name\": \"b\", \"template\": \"B\"},"
                + " {\"name\": \"a\", \"template\": \"A\"}]}");
        assertThatThrownBy(() -> ChatTemplates.find(dir)).isInstanceOfSatisfying(TemplateException.class, e -> {
            assertThat(e.type()).isEqualTo("ValueError");
            assertThat(e.getMessage()).startsWith("This model has multiple chat templates with no default specified!")
                    .contains("Available template names are ['a', 'b'].");
        });
    }

    @Test
    void noTemplateAnywhereIsHfsErrorNamingTheFolder() throws IOException {
        write("tokenizer_config.json", "{\"eos_token\": \"</s>\"}");
        assertThatThrownBy(() -> ChatTemplates.find(dir)).isInstanceOfSatisfying(TemplateException.class, e -> {
            assertThat(e.type()).isEqualTo("ValueError");
            assertThat(e.getMessage()).startsWith(ChatTemplates.NO_TEMPLATE).contains(dir.toString());
        });
    }

    @Test
    void aMalformedFileIsAConfigErrorNamingIt() throws IOException {
        write("chat_template.json", "{\"chat_template\": ");
        assertThatThrownBy(() -> ChatTemplates.find(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chat_template.json");
        write("chat_template.json", "{\"chat_template\": 3}");
        assertThatThrownBy(() -> ChatTemplates.find(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.chat_template");
    }
}
