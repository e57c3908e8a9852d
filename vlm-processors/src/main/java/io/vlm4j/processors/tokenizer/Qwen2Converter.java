package io.vlm4j.processors.tokenizer;

import java.util.List;

/**
 * Builds the {@code tokenizer.json} of a Qwen2 vocabulary as HF's {@code Qwen2Converter}
 * ({@code convert_slow_tokenizer.py}) does: BPE without unk or byte fallback, NFC, Qwen2's split regex (isolated)
 * then byte-level without its own regex, byte-level decoder and post-processor; the added tokens as given.
 *
 * <p>Stateless.
 */
final class Qwen2Converter {
    /** {@code PRETOKENIZE_REGEX} of {@code tokenization_qwen2.py}. */
    static final String PRETOKENIZE_REGEX = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}|"
            + " ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private Qwen2Converter() {}

    /** The tokenizer.json text. */
    static String convert(String[] idToToken, List<String[]> merges, List<AddedToken> addedTokens) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeNullField("truncation");
            g.writeNullField("padding");
            JsonText.addedTokens(g, addedTokens);
            JsonText.typed(g, "normalizer", "NFC");
            g.writeObjectFieldStart("pre_tokenizer");
            g.writeStringField("type", "Sequence");
            g.writeArrayFieldStart("pretokenizers");
            g.writeStartObject();
            g.writeStringField("type", "Split");
            g.writeObjectFieldStart("pattern");
            g.writeStringField("Regex", PRETOKENIZE_REGEX);
            g.writeEndObject();
            g.writeStringField("behavior", "Isolated");
            g.writeBooleanField("invert", false);
            g.writeEndObject();
            JsonText.typed(g, null, "ByteLevel", "add_prefix_space", false, "trim_offsets", true, "use_regex", false);
            g.writeEndArray();
            g.writeEndObject();
            JsonText.typed(g, "post_processor", "ByteLevel", "add_prefix_space", false, "trim_offsets", false,
                    "use_regex", false);
            JsonText.typed(g, "decoder", "ByteLevel", "add_prefix_space", true, "trim_offsets", true,
                    "use_regex", true);
            JsonText.bpeModel(g, idToToken, merges, null, false, false);
            g.writeEndObject();
        });
    }
}
