package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;

/**
 * The FFmpeg natives: loaded once, on first use (never at discovery), with FFmpeg's own logging silenced (every
 * failure is reported through a typed exception instead), and small helpers over FFmpeg's C conventions.
 *
 * <p>Thread-safe.
 */
final class Ffmpeg {
    /** {@code AV_FRAME_FLAG_CORRUPT}: the frame may be corrupted (a macro that JavaCPP does not map). */
    static final int AV_FRAME_FLAG_CORRUPT = 1;
    /** {@code AVFMT_FLAG_CUSTOM_IO}: the caller set {@code pb} (unmapped macro). */
    static final int AVFMT_FLAG_CUSTOM_IO = 0x0080;
    /** {@code FF_THREAD_FRAME}: decode more than one frame at once (unmapped macro). */
    static final int FF_THREAD_FRAME = 1;

    private Ffmpeg() {}

    /** Loads the natives (once) and returns. */
    static void load() {
        Holder.touch();
    }

    private static final class Holder {
        static {
            Loader.load(avutil.class);
            Loader.load(avcodec.class);
            Loader.load(avformat.class);
            Loader.load(swscale.class);
            av_log_set_level(AV_LOG_QUIET);
        }

        static void touch() {}
    }

    /** FFmpeg's text for an error code ({@code av_strerror}). */
    static String error(int code) {
        byte[] buf = new byte[128];
        if (av_strerror(code, buf, buf.length) < 0) {
            return "error " + code;
        }
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
