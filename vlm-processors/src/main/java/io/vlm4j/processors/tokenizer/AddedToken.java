package io.vlm4j.processors.tokenizer;

import java.util.Objects;

/**
 * An added token as HF's {@code AddedToken} with its id: a string the tokenizer never splits and encodes as one id.
 *
 * <p>The slow tokenizers use the flags when they split text on added tokens: {@code lstrip}/{@code rstrip} eat the
 * whitespace on that side, {@code singleWord} glues the token to an adjacent word instead of splitting it out;
 * {@code normalized} only matters to lower-casing tokenizers (none here) and is kept for what a fast tokenizer would
 * do. {@code special} is the flag as written; whether {@code skip_special_tokens} removes a token is decided by
 * HF's special-tokens map, not by this flag.
 *
 * <p>Immutable.
 *
 * @param id the id
 * @param content the token text
 * @param singleWord HF's {@code single_word}
 * @param lstrip HF's {@code lstrip}
 * @param rstrip HF's {@code rstrip}
 * @param normalized HF's {@code normalized}
 * @param special HF's {@code special}
 */
public record AddedToken(int id, String content, boolean singleWord, boolean lstrip, boolean rstrip,
        boolean normalized, boolean special) {
    public AddedToken {
        Objects.requireNonNull(content, "content");
        if (id < 0) {
            throw new IllegalArgumentException("added token " + content + ": id must be >= 0, got " + id);
        }
    }

    /** A token with HF's defaults for a plain string: no stripping, {@code normalized = !special}. */
    public static AddedToken of(int id, String content, boolean special) {
        return new AddedToken(id, content, false, false, false, !special, special);
    }
}
