package io.vlm4j.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.MediaSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversationTest {
    private static final String MESSAGES = "[{\"role\": \"system\", \"content\": \"Be brief.\"},"
            + " {\"role\": \"user\", \"content\": [{\"type\": \"image\", \"path\": \"../../images/chelsea.png\"},"
            + " {\"type\": \"video\", \"url\": \"https://example.com/a.mp4\"},"
            + " {\"type\": \"text\", \"text\": \"Same animal?\", \"extra\": 1}]}]";

    @Test
    void readsHfChatMessagesResolvingRelativePathsAgainstTheirFolder() {
        Conversation c = Conversation.fromJson(ConfigNode.parse(MESSAGES, "messages.json"), Path.of("golden/llava/case"));

        assertThat(c.messages()).extracting(Message::role).containsExactly("system", "user");
        assertThat(c.messages().get(0).content()).containsExactly(Content.text("Be brief."));
        List<Content> items = c.messages().get(1).content();
        assertThat(items.get(0)).isEqualTo(new Content.Image(MediaSource.of(Path.of("golden/images/chelsea.png")), null));
        assertThat(items.get(1)).isEqualTo(new Content.Video(MediaSource.of(URI.create("https://example.com/a.mp4")),
                null, null));
        assertThat(items.get(2)).isEqualTo(Content.text("Same animal?"));
    }

    @Test
    void givesTheTemplateTheJsonExactlyAsWritten() {
        Conversation c = Conversation.fromJson(ConfigNode.parse(MESSAGES, "messages.json"), Path.of("."));

        assertThat(c.templateMessages()).isEqualTo(ConfigNode.parse(MESSAGES, "m").toJava());
    }

    @Test
    void givesTheTemplateHfDictsForBuiltMessages() {
        Conversation c = Conversation.of(Message.user(Content.video(Path.of("cats.mp4")), Content.text("What happens?")));

        assertThat(c.templateMessages()).containsExactly(Map.of("role", "user", "content",
                List.of(Map.of("type", "video"), Map.of("type", "text", "text", "What happens?"))));
    }

    @Test
    void keepsTheJsonFormWhenAMessageIsAdded() {
        Conversation c = Conversation.fromJson(ConfigNode.parse(MESSAGES, "messages.json"), Path.of("."))
                .plus(Message.assistant("Yes."));

        assertThat(c.templateMessages()).hasSize(3);
        assertThat(c.templateMessages().get(2)).isEqualTo(Map.of("role", "assistant", "content",
                List.of(Map.of("type", "text", "text", "Yes."))));
    }

    @Test
    void rejectsAMediaItemWithoutPathOrUrlNamingItsJsonPath() {
        String bad = "[{\"role\": \"user\", \"content\": [{\"type\": \"video\"}]}]";

        assertThatThrownBy(() -> Conversation.fromJson(ConfigNode.parse(bad, "m.json"), Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("m.json $[0].content[0]: expected a media item with a \"path\" or a \"url\"");
    }

    @Test
    void rejectsAnUnknownContentType() {
        String bad = "[{\"role\": \"user\", \"content\": [{\"type\": \"audio\", \"path\": \"a.wav\"}]}]";

        assertThatThrownBy(() -> Conversation.fromJson(ConfigNode.parse(bad, "m.json"), Path.of(".")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("$[0].content[0].type")
                .hasMessageContaining("\"audio\"");
    }
}
