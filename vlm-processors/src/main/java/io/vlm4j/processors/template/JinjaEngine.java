package io.vlm4j.processors.template;

import io.vlm4j.spi.ChatTemplateEngine;
import io.vlm4j.text.ChatTemplate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code jinja} chat-template engine: HF transformers 4.46's environment (jinja2 3.1.2
 * {@code ImmutableSandboxedEnvironment} with {@code trim_blocks}, {@code lstrip_blocks}, HF's {@code tojson},
 * {@code raise_exception}, {@code strftime_now}, {@code {% generation %}} and loop controls) written in Java, so
 * that every template renders byte for byte as HF renders it. Templates reach only the Python semantics this
 * package implements (never a Java object, class, file or the network) and renders stop at
 * {@link TemplateLimits}.
 *
 * <p>Written here rather than taken from a library: Jinjava and the other JVM Jinja engines differ from Python's
 * Jinja2 on the points chat templates rely on (Python reprs, string methods, undefined and sandbox semantics,
 * operator precedence). Thread-safe.
 */
public final class JinjaEngine implements ChatTemplateEngine {
    private final TemplateLimits limits;

    /** The engine with {@link TemplateLimits#DEFAULT} (the {@link java.util.ServiceLoader} constructor). */
    public JinjaEngine() {
        this(TemplateLimits.DEFAULT);
    }

    public JinjaEngine(TemplateLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public Set<String> ids() {
        return Set.of("jinja");
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SANDBOXED, Capability.GENERATION_BLOCKS);
    }

    @Override
    public ChatTemplate compile(String source) {
        return JinjaTemplate.compile(source, limits);
    }
}
