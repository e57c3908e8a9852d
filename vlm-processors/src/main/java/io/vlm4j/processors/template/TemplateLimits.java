package io.vlm4j.processors.template;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds a render runs under, so that a runaway or hostile template stops quickly with a
 * {@code LimitExceeded} (or {@code RecursionError}) {@link io.vlm4j.TemplateException} instead of running for
 * hours or exhausting memory. Python's Jinja2 has none of these except its recursion limit; legitimate chat
 * templates stay far below every default. Immutable.
 *
 * @param maxRenderTime wall time of one render
 * @param maxSteps loop iterations, macro calls and items walked by filters in one render
 * @param maxCallDepth nesting of macro calls and recursive loops ({@code RecursionError} beyond; Python stops
 *     near 150 levels)
 * @param maxNesting nesting of blocks and parentheses in the template source ({@code RecursionError} at compile
 *     time beyond; Python stops below 100 parentheses)
 * @param maxStringLength characters of any one string or buffer a render creates
 * @param maxOutputLength characters of the rendered text
 * @param maxAllocation characters (and list items) a render may create in total
 * @param maxListLength items of any one list a render creates
 * @param maxIntBits bits of any integer a render computes
 */
public record TemplateLimits(Duration maxRenderTime, long maxSteps, int maxCallDepth, int maxNesting,
        long maxStringLength, long maxOutputLength, long maxAllocation, long maxListLength, int maxIntBits) {

    /** The defaults: 5 s, 2 million steps, 200 calls deep, 100 levels of nesting, 16 Mi-character strings, 32
     * Mi-character output, 512 Mi characters in all, 10 million list items, 256-bit integers. */
    public static final TemplateLimits DEFAULT = new TemplateLimits(Duration.ofSeconds(5), 2_000_000L, 200, 100,
            16L << 20, 32L << 20, 512L << 20, 10_000_000L, 256);

    public TemplateLimits {
        Objects.requireNonNull(maxRenderTime, "maxRenderTime");
        if (maxRenderTime.isNegative() || maxRenderTime.isZero()) {
            throw new IllegalArgumentException("maxRenderTime: expected a positive duration, got " + maxRenderTime);
        }
        positive("maxSteps", maxSteps);
        positive("maxCallDepth", maxCallDepth);
        positive("maxNesting", maxNesting);
        positive("maxStringLength", maxStringLength);
        positive("maxOutputLength", maxOutputLength);
        positive("maxAllocation", maxAllocation);
        positive("maxListLength", maxListLength);
        if (maxIntBits < 64) {
            throw new IllegalArgumentException("maxIntBits: expected at least 64, got " + maxIntBits);
        }
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": expected a number above 0, got " + value);
        }
    }

    /** These limits with another wall time per render. */
    public TemplateLimits withMaxRenderTime(Duration time) {
        return new TemplateLimits(time, maxSteps, maxCallDepth, maxNesting, maxStringLength, maxOutputLength,
                maxAllocation, maxListLength, maxIntBits);
    }
}
