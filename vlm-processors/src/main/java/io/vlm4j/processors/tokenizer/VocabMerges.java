package io.vlm4j.processors.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vlm4j.TokenizerException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE vocabulary and its merges, from {@code vocab.json} + {@code merges.txt} (read as
 * {@code Qwen2Tokenizer.__init__} reads them) or from the {@code model} of a {@code tokenizer.json}.
 *
 * <p>Immutable once read.
 *
 * @param vocab token → id
 * @param merges the merge pairs by rank
 */
record VocabMerges(Map<String, Integer> vocab, List<String[]> merges) {
    static final String VOCAB_FILE = "vocab.json";
    static final String MERGES_FILE = "merges.txt";
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads {@code vocab.json} and {@code merges.txt} of a folder. */
    static VocabMerges read(Path folder) {
        return new VocabMerges(readVocab(folder.resolve(VOCAB_FILE)), readMerges(folder.resolve(MERGES_FILE)));
    }

    /** {@code vocab.json}: one JSON object of token → id. */
    static Map<String, Integer> readVocab(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser p = JSON.createParser(reader)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(file, p, "a JSON object of token -> id");
            }
            Map<String, Integer> vocab = readVocabObject(file, p);
            if (p.nextToken() != null) {
                throw malformed(file, p, "the end of the file after the object");
            }
            return vocab;
        } catch (NoSuchFileException e) {
            throw new TokenizerException(file + ": file not found", e);
        } catch (JsonProcessingException e) {
            throw new TokenizerException(file + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads an object of token → id whose START_OBJECT the parser is on. */
    static Map<String, Integer> readVocabObject(Path file, JsonParser p) throws IOException {
        Map<String, Integer> vocab = new HashMap<>(1 << 18);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                    || p.getIntValue() < 0) {
                throw malformed(file, p, "a token id >= 0 for " + TokenizerConfig.quote(token));
            }
            vocab.put(token, p.getIntValue());
        }
        if (t != JsonToken.END_OBJECT) {
            throw malformed(file, p, "a JSON object of token -> id");
        }
        if (vocab.isEmpty()) {
            throw new TokenizerException(file + ": the vocabulary is empty; expected token -> id entries");
        }
        return vocab;
    }

    /**
     * {@code merges.txt}: a {@code #version:} line first is skipped, as are blank lines; every other line is two
     * tokens separated by whitespace. (HF's slow tokenizer keeps a line of another shape as a merge that never
     * applies; HF tokenizers refuses it; so does this.)
     */
    static List<String[]> readMerges(Path file) {
        List<String[]> merges = new ArrayList<>(1 << 18);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String stripped = PyStrings.strip(line);
                if ((number == 1 && stripped.startsWith("#version:")) || stripped.isEmpty()) {
                    continue;
                }
                String[] pair = PyStrings.split(stripped);
                if (pair.length != 2) {
                    throw new TokenizerException(file + " line " + number + ": expected two tokens separated by a"
                            + " space, got " + TokenizerConfig.quote(line));
                }
                merges.add(pair);
            }
        } catch (NoSuchFileException e) {
            throw new TokenizerException(file + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new TokenizerException(file + ": not valid UTF-8", e);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage(), e);
        }
        return merges;
    }

    static TokenizerException malformed(Path file, JsonParser p, String expected) {
        var loc = p.currentLocation();
        return new TokenizerException(file + " at line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                + ": expected " + expected + ", got " + p.currentToken());
    }
}
