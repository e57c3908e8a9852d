package io.vlm4j.processors.template;

import io.vlm4j.TemplateException;
import java.time.LocalDateTime;

/**
 * The state of one render: its limits and counters, the pinned clock of {@code strftime_now}, the template's
 * blocks. One render, one thread.
 */
final class Render {
    static final String LIMIT_EXCEEDED = TemplateException.LIMIT_EXCEEDED;
    static final String RECURSION_ERROR = "RecursionError";

    final TemplateLimits limits;
    final JinjaTemplate template;
    private final LocalDateTime now;
    private final long deadline;
    private long steps;
    private long allocated;
    private int depth;
    boolean autoescape;
    /** Set while the compiler folds constant expressions (jinja2's {@code as_const}). */
    final boolean folding;

    Render(TemplateLimits limits, JinjaTemplate template, LocalDateTime now) {
        this(limits, template, now, false);
    }

    private Render(TemplateLimits limits, JinjaTemplate template, LocalDateTime now, boolean folding) {
        this.limits = limits;
        this.template = template;
        this.now = now;
        this.folding = folding;
        this.deadline = System.nanoTime() + limits.maxRenderTime().toNanos();
    }

    /** The state in which the compiler evaluates a constant expression: small bounds, no template. */
    static Render folding() {
        TemplateLimits l = new TemplateLimits(java.time.Duration.ofMillis(200), 100_000L, 50, 100, 1L << 20,
                1L << 20, 4L << 20, 100_000L, TemplateLimits.DEFAULT.maxIntBits());
        return new Render(l, null, null, true);
    }

    LocalDateTime now() {
        return now != null ? now : LocalDateTime.now();
    }

    /** One step of work (a loop iteration, a call, an item a filter walks). */
    void step() {
        long s = ++steps;
        if (s > limits.maxSteps()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render took more than " + limits.maxSteps()
                    + " steps (loop iterations, calls and items walked)");
        }
        if ((s & 0x3ff) == 0) {
            checkTime();
        }
    }

    /** {@code n} steps at once (bulk operations). */
    void steps(long n) {
        long before = steps;
        steps += n;
        if (steps > limits.maxSteps()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render took more than " + limits.maxSteps()
                    + " steps (loop iterations, calls and items walked)");
        }
        if ((before >>> 10) != (steps >>> 10)) {
            checkTime();
        }
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render took longer than " + limits.maxRenderTime());
        }
    }

    /** Accounts for a new string (or list) of {@code n} characters (items). */
    void alloc(long n) {
        if (n > limits.maxStringLength()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render would create a string of " + n
                    + " characters, more than " + limits.maxStringLength());
        }
        allocated += n;
        if (allocated > limits.maxAllocation()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render created more than " + limits.maxAllocation()
                    + " characters of strings and list items in all");
        }
    }

    /** Accounts for a new list of {@code n} items. */
    void allocList(long n) {
        if (n > limits.maxListLength()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render would create a list of " + n
                    + " items, more than " + limits.maxListLength());
        }
        allocated += n;
        if (allocated > limits.maxAllocation()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render created more than " + limits.maxAllocation()
                    + " characters of strings and list items in all");
        }
    }

    /** Appends rendered text to a buffer within the output bound. */
    void append(StringBuilder out, String s) {
        if ((long) out.length() + s.length() > limits.maxOutputLength()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the rendered text would be longer than "
                    + limits.maxOutputLength() + " characters");
        }
        out.append(s);
        allocated += s.length();
        if (allocated > limits.maxAllocation()) {
            throw new TemplateException(LIMIT_EXCEEDED, "the render created more than " + limits.maxAllocation()
                    + " characters of strings and list items in all");
        }
    }

    /** Enters a macro call or recursive loop. */
    void enter() {
        if (++depth > limits.maxCallDepth()) {
            depth--;
            throw new TemplateException(RECURSION_ERROR, "maximum recursion depth exceeded (calls nested deeper than "
                    + limits.maxCallDepth() + " levels)");
        }
        step();
    }

    void exit() {
        depth--;
    }
}
