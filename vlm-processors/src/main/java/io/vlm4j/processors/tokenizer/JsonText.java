package io.vlm4j.processors.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes JSON text with Jackson's streaming generator (tokenizer.json files are large). Stateless. */
final class JsonText {
    private static final JsonFactory JSON = new JsonFactory();

    /** What writes one document. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonText() {}

    static String write(Body body) {
        StringWriter out = new StringWriter(1 << 20);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code "added_tokens": [...]} as tokenizer.json has it. */
    static void addedTokens(JsonGenerator g, List<AddedToken> tokens) throws IOException {
        g.writeArrayFieldStart("added_tokens");
        for (AddedToken t : tokens) {
            g.writeStartObject();
            g.writeNumberField("id", t.id());
            g.writeStringField("content", t.content());
            g.writeBooleanField("single_word", t.singleWord());
            g.writeBooleanField("lstrip", t.lstrip());
            g.writeBooleanField("rstrip", t.rstrip());
            g.writeBooleanField("normalized", t.normalized());
            g.writeBooleanField("special", t.special());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A BPE {@code model} object. */
    static void bpeModel(JsonGenerator g, String[] idToToken, List<String[]> merges, String unkToken,
            boolean fuseUnk, boolean byteFallback) throws IOException {
        g.writeObjectFieldStart("model");
        g.writeStringField("type", "BPE");
        g.writeNullField("dropout");
        if (unkToken == null) {
            g.writeNullField("unk_token");
        } else {
            g.writeStringField("unk_token", unkToken);
        }
        g.writeNullField("continuing_subword_prefix");
        g.writeNullField("end_of_word_suffix");
        g.writeBooleanField("fuse_unk", fuseUnk);
        g.writeBooleanField("byte_fallback", byteFallback);
        g.writeBooleanField("ignore_merges", false);
        g.writeObjectFieldStart("vocab");
        for (int id = 0; id < idToToken.length; id++) {
            if (idToToken[id] != null) {
                g.writeNumberField(idToToken[id], id);
            }
        }
        g.writeEndObject();
        g.writeArrayFieldStart("merges");
        for (String[] m : merges) {
            g.writeStartArray();
            g.writeString(m[0]);
            g.writeString(m[1]);
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code {"type": type, key: value, ...}} with boolean values. */
    static void typed(JsonGenerator g, String field, String type, Object... keyValues) throws IOException {
        if (field != null) {
            g.writeFieldName(field);
        }
        g.writeStartObject();
        g.writeStringField("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            String k = (String) keyValues[i];
            if (v instanceof Boolean) {
                g.writeBooleanField(k, (Boolean) v);
            } else if (v instanceof Integer) {
                g.writeNumberField(k, (Integer) v);
            } else {
                g.writeStringField(k, (String) v);
            }
        }
        g.writeEndObject();
    }
}
