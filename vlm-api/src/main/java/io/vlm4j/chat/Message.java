package io.vlm4j.chat;

import java.util.List;
import java.util.Objects;

/**
 * One chat message: a role ({@code system}, {@code user}, {@code assistant}, …) and its content items in order.
 *
 * <p>Immutable.
 *
 * @param role the role, as chat templates see it
 * @param content the items, in order
 */
public record Message(String role, List<Content> content) {
    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
    }

    /** A user message. */
    public static Message user(Content... content) {
        return new Message("user", List.of(content));
    }

    /** A user message of plain text. */
    public static Message user(String text) {
        return user(Content.text(text));
    }

    /** A system message of plain text. */
    public static Message system(String text) {
        return new Message("system", List.of(Content.text(text)));
    }

    /** An assistant message of plain text. */
    public static Message assistant(String text) {
        return new Message("assistant", List.of(Content.text(text)));
    }
}
