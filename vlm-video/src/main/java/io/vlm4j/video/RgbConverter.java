package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.vlm4j.media.RgbImage;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decoded frames to RGB24 exactly as PyAV 10's {@code frame.to_ndarray(format="rgb24")}: swscale at the frame's own
 * size with {@code SWS_BILINEAR} and no colorspace details (the frame's colour tags are ignored, as PyAV ignores
 * them; honouring them, or {@code SWS_ACCURATE_RND}, changes the bits).
 *
 * <p>Same-size yuv420p → rgb24 runs swscale's x86 SIMD converter, which writes 16 pixels at a time and so overruns
 * a tightly packed row (24 bytes past the end at width 200): the destination is a padded buffer, 64-byte aligned
 * rows with 64 spare bytes each and a spare row, and {@code width * 3} bytes of each row are copied out.
 *
 * <p>One per thread; not thread-safe. Holds native memory: {@link #close()} (idempotent).
 */
final class RgbConverter implements AutoCloseable {
    private static final int ALIGN = 64;

    private SwsContext sws;
    private BytePointer buffer;
    private PointerPointer<BytePointer> planes;
    private IntPointer strides;
    private int width = -1;
    private int height = -1;
    private int format = -1;
    private int stride;

    /** The frame's pixels as RGB. */
    RgbImage convert(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int f = frame.format();
        if (w != width || h != height || f != format) {
            configure(w, h, f);
        }
        int r = sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, strides);
        if (r != h) {
            throw new MediaFailure("swscale converted " + r + " of " + h + " rows to RGB");
        }
        byte[] rgb = new byte[w * h * 3];
        int row = w * 3;
        for (int y = 0; y < h; y++) {
            buffer.position((long) y * stride).get(rgb, y * row, row);
        }
        buffer.position(0);
        return new RgbImage(w, h, rgb);
    }

    private void configure(int w, int h, int f) {
        release();
        if (w < 1 || h < 1) {
            throw new MediaFailure("a decoded frame has size " + w + "x" + h);
        }
        sws = sws_getContext(w, h, f, w, h, AV_PIX_FMT_RGB24, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (sws == null || sws.isNull()) {
            BytePointer name = av_get_pix_fmt_name(f);
            throw new MediaFailure("swscale cannot convert " + (name == null || name.isNull() ? "pixel format " + f
                    : name.getString()) + " " + w + "x" + h + " to RGB");
        }
        stride = ((w * 3 + ALIGN) + ALIGN - 1) / ALIGN * ALIGN;
        long size = (long) stride * (h + 1) + ALIGN;
        BytePointer raw = new BytePointer(av_malloc(size));
        if (raw.isNull()) {
            release();
            throw new OutOfMemoryError("av_malloc(" + size + ") for an RGB frame failed");
        }
        buffer = raw.capacity(size);
        planes = new PointerPointer<>(4);
        planes.put(0, buffer);
        strides = new IntPointer(4);
        strides.put(0, stride);
        width = w;
        height = h;
        format = f;
    }

    private void release() {
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
        if (buffer != null) {
            av_free(buffer.position(0));
            buffer = null;
        }
        if (planes != null) {
            planes.close();
            planes = null;
        }
        if (strides != null) {
            strides.close();
            strides = null;
        }
        width = -1;
        height = -1;
        format = -1;
    }

    @Override
    public void close() {
        release();
    }
}
