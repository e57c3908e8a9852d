package io.vlm4j.processors.tokenizer;

import io.vlm4j.TokenizerException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a SentencePiece {@code tokenizer.model} (a serialized {@code sentencepiece.ModelProto}) that
 * tokenizing and decoding need, read with a minimal protobuf wire-format reader (the file is small and flat; a
 * protobuf dependency would bring nothing else).
 *
 * <p>Fields read ({@code sentencepiece_model.proto}): {@code pieces} (1: piece 1, score 2, type 3);
 * {@code trainer_spec} (2: model_type 3, byte_fallback 35, unk_surface 44, unk_piece 45); {@code normalizer_spec}
 * (3: name 1, precompiled_charsmap 2, add_dummy_prefix 3, remove_extra_whitespaces 4, escape_whitespaces 5). Other
 * fields are skipped.
 *
 * <p>Immutable.
 *
 * @param pieces the pieces in id order
 * @param modelType {@code trainer_spec.model_type} (1 unigram, 2 BPE)
 * @param byteFallback {@code trainer_spec.byte_fallback}
 * @param unkPiece {@code trainer_spec.unk_piece}
 * @param unkSurface {@code trainer_spec.unk_surface}: what an unknown piece decodes to
 * @param normalizerName {@code normalizer_spec.name}
 * @param precompiledCharsmap {@code normalizer_spec.precompiled_charsmap} (empty for identity)
 * @param addDummyPrefix {@code normalizer_spec.add_dummy_prefix}
 * @param removeExtraWhitespaces {@code normalizer_spec.remove_extra_whitespaces}
 * @param escapeWhitespaces {@code normalizer_spec.escape_whitespaces}
 */
record SentencePieceModel(List<Piece> pieces, int modelType, boolean byteFallback, String unkPiece,
        String unkSurface, String normalizerName, byte[] precompiledCharsmap, boolean addDummyPrefix,
        boolean removeExtraWhitespaces, boolean escapeWhitespaces) {
    static final String FILE = "tokenizer.model";
    static final int BPE = 2;

    /** {@code ModelProto.SentencePiece.Type}. */
    enum Type {
        NORMAL(1), UNKNOWN(2), CONTROL(3), USER_DEFINED(4), UNUSED(5), BYTE(6);

        final int number;

        Type(int number) {
            this.number = number;
        }

        static Type of(int number) {
            for (Type t : values()) {
                if (t.number == number) {
                    return t;
                }
            }
            return null;
        }
    }

    /** One piece. @param piece its text @param score its score @param type its type */
    record Piece(String piece, float score, Type type) {
        /** Pieces SentencePiece's BPE may merge into (its {@code pieces_} map): normal, user-defined, unused. */
        boolean mergeable() {
            return type == Type.NORMAL || type == Type.USER_DEFINED || type == Type.UNUSED;
        }
    }

    /** Reads a {@code tokenizer.model}. @throws TokenizerException naming the file if it is missing or malformed */
    static SentencePieceModel read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TokenizerException(file + ": file not found", e);
        } catch (IOException e) {
            throw new TokenizerException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            return parse(bytes);
        } catch (MalformedException e) {
            throw new TokenizerException(file + ": not a SentencePiece model: " + e.getMessage()
                    + "; expected a serialized sentencepiece ModelProto", e);
        }
    }

    static SentencePieceModel parse(byte[] bytes) throws MalformedException {
        Wire in = new Wire(bytes, 0, bytes.length);
        List<Piece> pieces = new ArrayList<>();
        int modelType = 1;
        boolean byteFallback = false;
        String unkPiece = "<unk>";
        String unkSurface = " \u2047 ";
        String name = "";
        byte[] charsmap = new byte[0];
        boolean addDummyPrefix = true;
        boolean removeExtraWhitespaces = true;
        boolean escapeWhitespaces = true;
        while (in.more()) {
            long tag = in.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 2) {
                Wire p = in.message();
                String piece = null;
                float score = 0f;
                Type type = Type.NORMAL;
                while (p.more()) {
                    long t = p.varint();
                    int f = (int) (t >>> 3);
                    int w = (int) (t & 7);
                    if (f == 1 && w == 2) {
                        piece = p.string();
                    } else if (f == 2 && w == 5) {
                        score = Float.intBitsToFloat(p.fixed32());
                    } else if (f == 3 && w == 0) {
                        int number = (int) p.varint();
                        type = Type.of(number);
                        if (type == null) {
                            throw new MalformedException("piece " + pieces.size() + " has unknown type " + number);
                        }
                    } else {
                        p.skip(w);
                    }
                }
                if (piece == null || piece.isEmpty()) {
                    throw new MalformedException("piece " + pieces.size() + " is empty");
                }
                pieces.add(new Piece(piece, score, type));
            } else if (field == 2 && wire == 2) {
                Wire t = in.message();
                while (t.more()) {
                    long tg = t.varint();
                    int f = (int) (tg >>> 3);
                    int w = (int) (tg & 7);
                    if (f == 3 && w == 0) {
                        modelType = (int) t.varint();
                    } else if (f == 35 && w == 0) {
                        byteFallback = t.varint() != 0;
                    } else if (f == 44 && w == 2) {
                        unkSurface = t.string();
                    } else if (f == 45 && w == 2) {
                        unkPiece = t.string();
                    } else {
                        t.skip(w);
                    }
                }
            } else if (field == 3 && wire == 2) {
                Wire n = in.message();
                while (n.more()) {
                    long tg = n.varint();
                    int f = (int) (tg >>> 3);
                    int w = (int) (tg & 7);
                    if (f == 1 && w == 2) {
                        name = n.string();
                    } else if (f == 2 && w == 2) {
                        charsmap = n.bytes();
                    } else if (f == 3 && w == 0) {
                        addDummyPrefix = n.varint() != 0;
                    } else if (f == 4 && w == 0) {
                        removeExtraWhitespaces = n.varint() != 0;
                    } else if (f == 5 && w == 0) {
                        escapeWhitespaces = n.varint() != 0;
                    } else {
                        n.skip(w);
                    }
                }
            } else {
                in.skip(wire);
            }
        }
        if (pieces.isEmpty()) {
            throw new MalformedException("it has no pieces");
        }
        return new SentencePieceModel(List.copyOf(pieces), modelType, byteFallback, unkPiece, unkSurface, name,
                charsmap, addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces);
    }

    /** A protobuf wire-format error. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    /** Reads protobuf wire format from {@code bytes[pos, end)}. */
    private static final class Wire {
        private final byte[] b;
        private int pos;
        private final int end;

        Wire(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws MalformedException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new MalformedException("truncated varint at byte " + pos);
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new MalformedException("varint longer than 10 bytes at byte " + pos);
        }

        int fixed32() throws MalformedException {
            need(4);
            int v = (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
            pos += 4;
            return v;
        }

        private int length() throws MalformedException {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new MalformedException("a field of " + n + " bytes at byte " + pos + " runs past the end");
            }
            return (int) n;
        }

        Wire message() throws MalformedException {
            int n = length();
            Wire w = new Wire(b, pos, pos + n);
            pos += n;
            return w;
        }

        byte[] bytes() throws MalformedException {
            int n = length();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        String string() throws MalformedException {
            int n = length();
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(b, pos, n)).toString();
                pos += n;
                return s;
            } catch (CharacterCodingException e) {
                throw new MalformedException("a string at byte " + pos + " is not valid UTF-8");
            }
        }

        void skip(int wire) throws MalformedException {
            switch (wire) {
                case 0:
                    varint();
                    break;
                case 1:
                    need(8);
                    pos += 8;
                    break;
                case 2:
                    int n = length();
                    pos += n;
                    break;
                case 5:
                    need(4);
                    pos += 4;
                    break;
                default:
                    throw new MalformedException("wire type " + wire + " at byte " + pos);
            }
        }

        private void need(int n) throws MalformedException {
            if (end - pos < n) {
                throw new MalformedException("truncated field at byte " + pos);
            }
        }
    }
}
