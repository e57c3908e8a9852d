package io.vlm4j.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link FfmpegVideoDecoder} decodes: threads, limits on sizes and downloads, and the decoding strategy.
 *
 * <p>Immutable.
 *
 * @param threads decoding threads (at least 1): independent keyframe runs decode in parallel, or one run with
 *     frame threading
 * @param maxPixels the largest frame (width × height) accepted; larger headers are refused before decoding
 * @param maxDownloadBytes the largest URL download or stream accepted
 * @param connectTimeout the longest wait for an HTTP connection
 * @param readTimeout the longest wait for any read of an HTTP response
 * @param maxRedirects HTTP redirects followed at most
 * @param tempDir where downloads are written (null: the system's temporary folder); always deleted
 * @param strategy how frames are found
 */
public record VideoDecodeOptions(int threads, long maxPixels, long maxDownloadBytes, Duration connectTimeout,
        Duration readTimeout, int maxRedirects, Path tempDir, Strategy strategy) {
    /** 8192 × 8192: above 8K UHD (7680 × 4320). */
    public static final long DEFAULT_MAX_PIXELS = 8192L * 8192L;
    /** 2 GiB. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 2L << 30;

    public VideoDecodeOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(strategy, "strategy");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (maxPixels < 1 || maxDownloadBytes < 1 || maxRedirects < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** How frames are found. */
    public enum Strategy {
        /**
         * Seek to the keyframe before each wanted stretch and decode forward, in parallel where stretches are
         * independent, when the stream's packets provably identify its frames; otherwise {@link #SEQUENTIAL}.
         */
        AUTO,
        /** Decode from the start and keep the wanted frames by output order: the seeds' {@code read_video_pyav}. */
        SEQUENTIAL
    }

    /** All processors (at most 8), 8192² pixels, 2 GiB downloads, 10 s to connect, 30 s per read, 5 redirects. */
    public static VideoDecodeOptions defaults() {
        return new VideoDecodeOptions(Math.min(8, Runtime.getRuntime().availableProcessors()), DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_DOWNLOAD_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(30), 5, null, Strategy.AUTO);
    }

    public VideoDecodeOptions withThreads(int n) {
        return new VideoDecodeOptions(n, maxPixels, maxDownloadBytes, connectTimeout, readTimeout, maxRedirects,
                tempDir, strategy);
    }

    public VideoDecodeOptions withStrategy(Strategy s) {
        return new VideoDecodeOptions(threads, maxPixels, maxDownloadBytes, connectTimeout, readTimeout, maxRedirects,
                tempDir, s);
    }

    public VideoDecodeOptions withMaxPixels(long n) {
        return new VideoDecodeOptions(threads, n, maxDownloadBytes, connectTimeout, readTimeout, maxRedirects, tempDir,
                strategy);
    }

    public VideoDecodeOptions withDownloadLimits(long maxBytes, Duration connect, Duration read, int redirects) {
        return new VideoDecodeOptions(threads, maxPixels, maxBytes, connect, read, redirects, tempDir, strategy);
    }

    public VideoDecodeOptions withTempDir(Path dir) {
        return new VideoDecodeOptions(threads, maxPixels, maxDownloadBytes, connectTimeout, readTimeout, maxRedirects,
                dir, strategy);
    }
}
