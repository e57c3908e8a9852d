package io.vlm4j.bench;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * The benchmark's videos, made by the benchmark itself with FFmpegFrameRecorder and libopenh264 (codec id H.264:
 * {@code setVideoCodecName("libx264")} silently falls back to MPEG-4 Part 2 in JavaCV's LGPL FFmpeg), and cached
 * under {@code target/bench-videos/} (the 10-minute one takes minutes to encode); never part of the repository.
 *
 * <p>Content: a drifting colour gradient, a scrolling checkerboard and a moving square, so that every frame
 * differs and motion compensation has work to do; the recorder's default bit rate (400 kb/s), as a plain
 * FFmpegFrameRecorder makes them.
 */
public final class BenchVideos {
    /** A video to make: size, rate, length and keyframe interval. */
    public enum Spec {
        GOP250_60S(60, 250),
        GOP30_60S(60, 30),
        GOP250_10MIN(600, 250);

        final int seconds;
        final int gop;

        Spec(int seconds, int gop) {
            this.seconds = seconds;
            this.gop = gop;
        }

        /** The file name of this video. */
        public String fileName() {
            return "h264_1280x720_30fps_" + seconds + "s_gop" + gop + ".mp4";
        }
    }

    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int FPS = 30;

    private BenchVideos() {}

    /** The folder of cached videos: {@code -Dvlm4j.bench.videos}, else {@code target/bench-videos}. */
    public static Path folder() {
        return Path.of(System.getProperty("vlm4j.bench.videos", "target/bench-videos"));
    }

    /** The video for {@code spec}, encoded now if it is not cached yet. */
    public static synchronized Path ensure(Spec spec) {
        Path file = folder().resolve(spec.fileName());
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(folder());
            Path partial = Files.createTempFile(folder(), spec.name(), ".mp4.partial");
            encode(spec, partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void encode(Spec spec, Path out) throws IOException {
        System.err.println("encoding " + spec.fileName() + " (" + spec.seconds * FPS + " frames) ...");
        long t0 = System.nanoTime();
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), WIDTH, HEIGHT, 0);
        r.setFormat("mp4");
        r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        r.setPixelFormat(AV_PIX_FMT_YUV420P);
        r.setFrameRate(FPS);
        r.setGopSize(spec.gop);
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        byte[] row = new byte[WIDTH * 3];
        try {
            r.start();
            for (int i = 0; i < spec.seconds * FPS; i++) {
                paint(i, buf, stride, row);
                r.record(frame, AV_PIX_FMT_BGR24);
            }
            r.stop();
        } finally {
            r.release();
            frame.close();
        }
        System.err.printf("encoded %s in %.1f s%n", spec.fileName(), (System.nanoTime() - t0) / 1e9);
    }

    private static void paint(int i, ByteBuffer buf, int stride, byte[] row) {
        int sx = (i * 7) % 64;
        int qx = (i * 11) % (WIDTH - 160);
        int qy = (int) (HEIGHT / 2 + (HEIGHT / 3) * Math.sin(i / 25.0)) - 80;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int b = (x + i * 2) & 255;
                int g = (y + i) & 255;
                int rr = ((x + y) / 4 + i) & 255;
                if ((((x + sx) / 32) + (y / 32)) % 2 == 0 && y > HEIGHT / 2) {
                    b = 255 - b;
                    g = 255 - g;
                }
                if (x >= qx && x < qx + 160 && y >= qy && y < qy + 160) {
                    b = 250;
                    g = 250;
                    rr = 250;
                }
                row[3 * x] = (byte) b;
                row[3 * x + 1] = (byte) g;
                row[3 * x + 2] = (byte) rr;
            }
            buf.position(y * stride);
            buf.put(row);
        }
        buf.position(0);
    }

    /** Encodes every video not yet cached. */
    public static void main(String[] args) {
        for (Spec s : Spec.values()) {
            System.out.println(ensure(s));
        }
    }
}
