package io.vlm4j.processing;

import java.util.Objects;
import java.util.Optional;

/**
 * How the prompts of a batch are padded to one length, as HF tokenizers' {@code padding} and
 * {@code padding_side}: padded positions hold the tokenizer's {@code pad_token} id and attention mask 0.
 *
 * <p>Immutable.
 *
 * @param mode whether to pad
 * @param side where the padding goes; {@code null} for the tokenizer's {@code padding_side} (HF's default
 *     {@code "right"} when its config names none)
 */
public record Padding(Mode mode, Side side) {
    public Padding {
        Objects.requireNonNull(mode, "mode");
    }

    /** HF's {@code padding=False} (its processors' default): prompts of one batch must then have one length. */
    public static Padding none() {
        return new Padding(Mode.DO_NOT_PAD, null);
    }

    /** HF's {@code padding=True} / {@code "longest"} on the tokenizer's padding side. */
    public static Padding longest() {
        return new Padding(Mode.LONGEST, null);
    }

    /** HF's {@code padding=True} with {@code padding_side} {@code side}. */
    public static Padding longest(Side side) {
        return new Padding(Mode.LONGEST, Objects.requireNonNull(side, "side"));
    }

    /** The side asked for, if any. */
    public Optional<Side> optSide() {
        return Optional.ofNullable(side);
    }

    /** Whether to pad. */
    public enum Mode {
        /** {@code padding=False}: no padding. */
        DO_NOT_PAD,
        /** {@code padding=True}: pad to the longest prompt of the batch. */
        LONGEST
    }

    /** Where padding goes. */
    public enum Side {
        /** Before the prompt ({@code padding_side="left"}): what generation wants. */
        LEFT,
        /** After the prompt ({@code padding_side="right"}). */
        RIGHT
    }
}
