package io.vlm4j.video;

import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The bad-input corpus, made from a good golden video in a folder of the test's: each file with the reason its
 * error must give.
 */
final class BadVideos {
    private BadVideos() {}

    /** A damaged file and a word its error message must contain. */
    record Bad(String name, Path file, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Path good() {
        return GoldenData.golden().resolve("videos/cat_pan.mp4");
    }

    /** Writes the corpus into {@code dir}. */
    static Map<String, Bad> make(Path dir) {
        try {
            byte[] good = Files.readAllBytes(good());
            Map<String, Bad> out = new LinkedHashMap<>();
            put(out, dir, "empty.mp4", new byte[0], "0 bytes");
            put(out, dir, "text.mp4", "just some text, no video at all\n".repeat(50).getBytes(StandardCharsets.UTF_8),
                    "not a media file");
            put(out, dir, "truncated.mp4", Arrays.copyOf(good, good.length * 6 / 10), "not a media file");
            Path faststart = dir.resolve("faststart.mp4");
            Remux.remux(good(), faststart, "mp4", Integer.MAX_VALUE, "+faststart", 0);
            byte[] fs = Files.readAllBytes(faststart);
            put(out, dir, "truncated-data.mp4", Arrays.copyOf(fs, fs.length * 6 / 10), "truncated");
            byte[] corrupt = good.clone();
            Random random = new Random(42);
            for (int i = 2000; i < good.length - 4000; i++) {
                corrupt[i] = (byte) random.nextInt(256);
            }
            put(out, dir, "corrupt.mp4", corrupt, "cannot be decoded");
            Path empty = dir.resolve("zero-frames.mkv");
            Remux.remux(good(), empty, "matroska", 0, null, 0);
            out.put("zero-frames", new Bad("zero-frames", empty, "ends before"));
            put(out, dir, "audio-only.wav", wav(), "no video stream");
            byte[] unknown = good.clone();
            replace(unknown, "avc1", "vlmx");
            put(out, dir, "unknown-codec.mp4", unknown, "unknown codec 'vlmx'");
            Path huge = dir.resolve("huge.avi");
            Remux.rawVideoHeader(huge, "avi", 20000, 20000);
            out.put("huge", new Bad("huge", huge, "20000x20000"));
            Path noFrames = dir.resolve("zero-frames.mp4");
            Remux.remux(good(), noFrames, "mp4", 0, null, 0);
            out.put("zero-frames-mp4", new Bad("zero-frames-mp4", noFrames, "no video stream"));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Map<String, Bad> out, Path dir, String file, byte[] bytes, String reason)
            throws IOException {
        Path p = dir.resolve(file);
        Files.write(p, bytes);
        String name = file.substring(0, file.lastIndexOf('.'));
        out.put(name, new Bad(name, p, reason));
    }

    private static void replace(byte[] data, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.US_ASCII);
        byte[] t = to.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + f.length <= data.length; i++) {
            if (Arrays.equals(data, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, data, i, t.length);
            }
        }
    }

    /** One second of 8 kHz mono 16-bit silence-ish PCM. */
    private static byte[] wav() {
        int samples = 8000;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2);
        b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1);
        b.putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (1000 * Math.sin(i / 10.0)));
        }
        return b.array();
    }
}
