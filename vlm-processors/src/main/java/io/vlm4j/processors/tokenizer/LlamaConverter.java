package io.vlm4j.processors.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@code tokenizer.json} of a SentencePiece BPE model as HF's {@code LlamaConverter}
 * ({@code convert_slow_tokenizer.py}) does, and the merges as its {@code SentencePieceExtractor} /
 * {@code generate_merges} derive them from the pieces: every split of a piece into two pieces is a merge, ranked by
 * the piece's score (higher first), then by the longer left and right part, then in piece order.
 *
 * <p>One difference, to match SentencePiece itself (what the slow tokenizer runs): a merge whose result is not a
 * piece SentencePiece's BPE merges into (a control, unknown or byte piece, e.g. {@code </s>} from {@code </} +
 * {@code s>}) is left out; SentencePiece never forms those from text.
 *
 * <p>Stateless.
 */
final class LlamaConverter {
    private LlamaConverter() {}

    /** The pieces' texts by id. */
    static String[] idToToken(SentencePieceModel model) {
        String[] out = new String[model.pieces().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = model.pieces().get(i).piece();
        }
        return out;
    }

    /**
     * The merges of {@code generate_merges(vocab, vocab_scores)}; {@code mergeable} says which results may be
     * formed.
     */
    static List<String[]> merges(String[] pieces, float[] scores, boolean[] mergeable) {
        Map<String, Integer> vocab = new HashMap<>(pieces.length * 2);
        for (int i = 0; i < pieces.length; i++) {
            vocab.put(pieces[i], i);
        }
        final class Merge {
            final String left;
            final String right;
            final float score;
            final int leftLength;
            final int rightLength;

            Merge(String left, String right, float score) {
                this.left = left;
                this.right = right;
                this.score = score;
                this.leftLength = left.codePointCount(0, left.length());
                this.rightLength = right.codePointCount(0, right.length());
            }
        }
        List<Merge> merges = new ArrayList<>(pieces.length * 4);
        List<Merge> local = new ArrayList<>();
        for (int p = 0; p < pieces.length; p++) {
            String piece = pieces[p];
            if (vocab.get(piece) != p || !mergeable[p]) {
                continue;
            }
            local.clear();
            for (int i = piece.offsetByCodePoints(0, 1); i < piece.length(); i = piece.offsetByCodePoints(i, 1)) {
                String left = piece.substring(0, i);
                String right = piece.substring(i);
                if (vocab.containsKey(left) && vocab.containsKey(right)) {
                    local.add(new Merge(left, right, scores[p]));
                }
            }
            local.sort(Comparator.<Merge>comparingInt(m -> vocab.get(m.left)).thenComparingInt(m -> vocab.get(m.right)));
            merges.addAll(local);
        }
        merges.sort(Comparator.<Merge>comparingDouble(m -> m.score).thenComparingInt(m -> m.leftLength)
                .thenComparingInt(m -> m.rightLength).reversed());
        List<String[]> out = new ArrayList<>(merges.size());
        for (Merge m : merges) {
            out.add(new String[] {m.left, m.right});
        }
        return out;
    }

    /** The merges of a SentencePiece model. */
    static List<String[]> merges(SentencePieceModel model) {
        int n = model.pieces().size();
        String[] pieces = idToToken(model);
        float[] scores = new float[n];
        boolean[] mergeable = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = model.pieces().get(i).score();
            mergeable[i] = model.pieces().get(i).mergeable();
        }
        return merges(pieces, scores, mergeable);
    }

    /**
     * The tokenizer.json HF's conversion writes for {@code LlamaTokenizerFast}: Metaspace (prepend first) without
     * a normalizer for {@code legacy=false}, Prepend + Replace normalizers for {@code legacy=true}; BPE with byte
     * fallback; the Replace/ByteFallback/Fuse/Strip decoder; the BOS/EOS template post-processor.
     */
    static String convert(String[] idToToken, List<String[]> merges, String unkPiece, boolean legacy,
            boolean addPrefixSpace, AddedToken bos, AddedToken eos, List<AddedToken> addedTokens) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeNullField("truncation");
            g.writeNullField("padding");
            JsonText.addedTokens(g, addedTokens);
            if (legacy) {
                g.writeObjectFieldStart("normalizer");
                g.writeStringField("type", "Sequence");
                g.writeArrayFieldStart("normalizers");
                if (addPrefixSpace) {
                    JsonText.typed(g, null, "Prepend", "prepend", "\u2581");
                }
                replace(g, " ", "\u2581");
                g.writeEndArray();
                g.writeEndObject();
                g.writeNullField("pre_tokenizer");
            } else {
                g.writeNullField("normalizer");
                JsonText.typed(g, "pre_tokenizer", "Metaspace", "replacement", "\u2581", "prepend_scheme",
                        addPrefixSpace ? "first" : "never", "split", false);
            }
            g.writeObjectFieldStart("post_processor");
            g.writeStringField("type", "TemplateProcessing");
            g.writeArrayFieldStart("single");
            special(g, bos, 0);
            sequence(g, "A", 0);
            special(g, eos, 0);
            g.writeEndArray();
            g.writeArrayFieldStart("pair");
            special(g, bos, 0);
            sequence(g, "A", 0);
            special(g, eos, 0);
            special(g, bos, 1);
            sequence(g, "B", 1);
            special(g, eos, 1);
            g.writeEndArray();
            g.writeObjectFieldStart("special_tokens");
            for (AddedToken t : new AddedToken[] {bos, eos}) {
                if (t != null) {
                    g.writeObjectFieldStart(t.content());
                    g.writeStringField("id", t.content());
                    g.writeArrayFieldStart("ids");
                    g.writeNumber(t.id());
                    g.writeEndArray();
                    g.writeArrayFieldStart("tokens");
                    g.writeString(t.content());
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("decoder");
            g.writeStringField("type", "Sequence");
            g.writeArrayFieldStart("decoders");
            replace(g, "\u2581", " ");
            JsonText.typed(g, null, "ByteFallback");
            JsonText.typed(g, null, "Fuse");
            if (addPrefixSpace) {
                JsonText.typed(g, null, "Strip", "content", " ", "start", 1, "stop", 0);
            }
            g.writeEndArray();
            g.writeEndObject();
            JsonText.bpeModel(g, idToToken, merges, unkPiece, true, true);
            g.writeEndObject();
        });
    }

    /**
     * The tokenizer.json this package runs SentencePiece BPE on: the model alone, with spaces escaped to U+2581
     * by a normalizer; the slow tokenizer's prefix and added-token handling happen before, in Java.
     */
    static String engineJson(String[] idToToken, List<String[]> merges, String unkPiece, boolean byteFallback) {
        return JsonText.write(g -> {
            g.writeStartObject();
            g.writeStringField("version", "1.0");
            g.writeNullField("truncation");
            g.writeNullField("padding");
            g.writeArrayFieldStart("added_tokens");
            g.writeEndArray();
            replaceNormalizer(g);
            g.writeNullField("pre_tokenizer");
            g.writeNullField("post_processor");
            g.writeNullField("decoder");
            JsonText.bpeModel(g, idToToken, merges, unkPiece, true, byteFallback);
            g.writeEndObject();
        });
    }

    private static void replaceNormalizer(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeFieldName("normalizer");
        replace(g, " ", "\u2581");
    }

    private static void replace(com.fasterxml.jackson.core.JsonGenerator g, String from, String to)
            throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("type", "Replace");
        g.writeObjectFieldStart("pattern");
        g.writeStringField("String", from);
        g.writeEndObject();
        g.writeStringField("content", to);
        g.writeEndObject();
    }

    private static void special(com.fasterxml.jackson.core.JsonGenerator g, AddedToken t, int typeId)
            throws java.io.IOException {
        if (t == null) {
            return;
        }
        g.writeStartObject();
        g.writeObjectFieldStart("SpecialToken");
        g.writeStringField("id", t.content());
        g.writeNumberField("type_id", typeId);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void sequence(com.fasterxml.jackson.core.JsonGenerator g, String id, int typeId)
            throws java.io.IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("Sequence");
        g.writeStringField("id", id);
        g.writeNumberField("type_id", typeId);
        g.writeEndObject();
        g.writeEndObject();
    }
}
