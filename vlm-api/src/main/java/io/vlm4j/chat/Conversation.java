package io.vlm4j.chat;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.MediaSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The messages of one chat, in order, and the form a chat template sees them in.
 *
 * <p>A conversation read from HF chat-format JSON ({@link #fromJson}) keeps that JSON for the template exactly
 * as given (HF 4.46 passes messages unchanged); one built from {@link Message}s gives the template HF's dicts
 * ({@code {"role": …, "content": [{"type": "text", "text": …}, {"type": "image"}, …]}}). Immutable.
 */
public final class Conversation {
    private final List<Message> messages;
    private final List<Object> templateMessages;

    private Conversation(List<Message> messages, List<Object> templateMessages) {
        this.messages = List.copyOf(messages);
        this.templateMessages = templateMessages;
    }

    /** A conversation of these messages. */
    public static Conversation of(Message... messages) {
        return of(List.of(messages));
    }

    /** A conversation of these messages. */
    public static Conversation of(List<Message> messages) {
        return new Conversation(messages, null);
    }

    /**
     * Reads HF chat messages: a list of {@code {"role", "content"}} where content is a string or a list of
     * items {@code {"type": "text", "text"}}, {@code {"type": "image"|"video", "path"|"url"}}; relative paths
     * resolve against {@code baseDir}.
     *
     * @throws ConfigException naming the JSON path of a malformed message or item
     */
    public static Conversation fromJson(ConfigNode json, Path baseDir) {
        if (!json.isArray()) {
            throw json.error("a list of chat messages");
        }
        List<Message> messages = new ArrayList<>();
        for (ConfigNode m : json.elements()) {
            if (!m.isObject()) {
                throw m.error("a message object with \"role\" and \"content\"");
            }
            String role = m.get("role").asString();
            ConfigNode content = m.get("content");
            List<Content> items = new ArrayList<>();
            if (content.isString()) {
                items.add(Content.text(content.asString()));
            } else if (content.isArray()) {
                for (ConfigNode item : content.elements()) {
                    items.add(item(item, baseDir));
                }
            } else if (!content.isAbsent()) {
                throw content.error("a string or a list of content items");
            }
            messages.add(new Message(role, items));
        }
        @SuppressWarnings("unchecked")
        List<Object> raw = (List<Object>) json.toJava();
        return new Conversation(messages, Collections.unmodifiableList(raw));
    }

    private static Content item(ConfigNode item, Path baseDir) {
        String type = item.get("type").asString();
        switch (type) {
            case "text":
                return Content.text(item.get("text").asString());
            case "image":
                return new Content.Image(source(item, baseDir), null);
            case "video":
                return new Content.Video(source(item, baseDir), null, null);
            default:
                throw item.get("type").error("\"text\", \"image\" or \"video\"");
        }
    }

    private static MediaSource source(ConfigNode item, Path baseDir) {
        if (item.has("path")) {
            Path p = Path.of(item.get("path").asString());
            return MediaSource.of(p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize());
        }
        if (item.has("url")) {
            String url = item.get("url").asString();
            try {
                URI uri = new URI(url);
                if (uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("file")) {
                    return MediaSource.of(Path.of(uri));
                }
                return MediaSource.of(uri);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw item.get("url").error("an http(s) or file URL");
            }
        }
        throw item.error("a media item with a \"path\" or a \"url\"");
    }

    /** The messages. */
    public List<Message> messages() {
        return messages;
    }

    /** This conversation with one more message at the end. */
    public Conversation plus(Message message) {
        List<Message> more = new ArrayList<>(messages);
        more.add(message);
        List<Object> raw = null;
        if (templateMessages != null) {
            raw = new ArrayList<>(templateMessages);
            raw.add(templateView(message));
            raw = Collections.unmodifiableList(raw);
        }
        return new Conversation(more, raw);
    }

    /**
     * The messages as a chat template receives them: plain Java maps and lists (see
     * {@link io.vlm4j.text.TemplateContext}).
     */
    public List<Object> templateMessages() {
        if (templateMessages != null) {
            return templateMessages;
        }
        return messages.stream().map(Conversation::templateView).collect(Collectors.toUnmodifiableList());
    }

    private static Object templateView(Message message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", message.role());
        List<Object> items = new ArrayList<>();
        for (Content c : message.content()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", c.type());
            if (c instanceof Content.Text) {
                item.put("text", ((Content.Text) c).text());
            }
            items.add(item);
        }
        m.put("content", items);
        return m;
    }

    @Override
    public String toString() {
        return "Conversation" + messages;
    }
}
