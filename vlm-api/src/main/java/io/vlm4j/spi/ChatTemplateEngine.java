package io.vlm4j.spi;

import io.vlm4j.text.ChatTemplate;

/**
 * Compiles chat templates (HF's Jinja dialect) into reusable {@link ChatTemplate}s.
 *
 * <p>Ids: an engine name ({@code jinja}). Thread-safe.
 */
public interface ChatTemplateEngine extends Provider<ChatTemplateEngine.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** What an engine may support beyond rendering. */
    enum Capability {
        /** Templates reach no host object, class, file or network, and runaway renders stop at bounds. */
        SANDBOXED,
        /** HF's {@code {% generation %}} block (assistant masks). */
        GENERATION_BLOCKS
    }

    /**
     * Compiles a template's source (its exact text) once.
     *
     * @throws io.vlm4j.TemplateException of type {@code TemplateSyntaxError} naming the line if it does not parse
     */
    ChatTemplate compile(String source);
}
