package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0BGR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ABGR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_ARGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRAP;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRP;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY16BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY16LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_MONOBLACK;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_MONOWHITE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_PAL8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB48LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA64LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YA16BE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YA8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_image_copy_to_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;

import io.vlm4j.ImageDecodeException;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Still images (PNG, JPEG, WebP, BMP, GIF's first frame, and whatever else FFmpeg reads as a one-frame video) to RGB
 * as PIL's {@code Image.open(f).convert("RGB")}: RGBA and LA drop alpha, palettes expand (transparency ignored),
 * gray replicates, 1-bit is 0/255, 16-bit samples keep their high byte (PIL's {@code ;16B} raw modes) except 16-bit
 * gray, which PIL opens as mode {@code I} and clips to 255. JPEG's planes are turned to RGB as libjpeg-turbo does
 * ({@link JpegColor}) after FFmpeg's IDCT, which differs from libjpeg's in the last bit of some pixels. Pixel formats
 * without a PIL rule (lossy WebP's YUV, 15/16-bit BMP) go through swscale and may differ from PIL in the last bits.
 *
 * <p>Stateless; thread-safe.
 */
public final class FfmpegImageDecoder {
    /**
     * {@code FF_IDCT_FAAN} (unmapped macro): of FFmpeg's IDCTs the closest to libjpeg's "islow" on the test images
     * (none is bit-exact: see the module README).
     */
    private static final int FF_IDCT_FAAN = 20;

    private FfmpegImageDecoder() {}

    /**
     * Decodes an image with the default limits.
     *
     * @throws ImageDecodeException naming the source and the reason if it cannot be decoded
     */
    public static RgbImage decode(MediaSource source) {
        return decode(source, VideoDecodeOptions.defaults());
    }

    /**
     * Decodes an image: a file, an {@code http(s)} URL (downloaded to a temporary file, always deleted), bytes, or a
     * stream.
     *
     * @throws ImageDecodeException naming the source and the reason if it cannot be decoded
     */
    public static RgbImage decode(MediaSource source, VideoDecodeOptions options) {
        MediaInput input = null;
        try {
            input = MediaInput.of(source, options);
            return decode(input, options.maxPixels());
        } catch (MediaFailure e) {
            throw new ImageDecodeException(source.describe() + ": " + e.getMessage(), e);
        } finally {
            if (input != null) {
                input.deleteTemporary();
            }
        }
    }

    private static RgbImage decode(MediaInput input, long maxPixels) {
        try (Demuxer demuxer = Demuxer.open(input, maxPixels)) {
            boolean jpeg = demuxer.stream().codecpar().codec_id() == AV_CODEC_ID_MJPEG;
            AVCodecContext codec = Lane.openDecoder(demuxer.stream(), 1, maxPixels, jpeg ? FF_IDCT_FAAN : 0);
            AVPacket packet = av_packet_alloc();
            AVFrame frame = av_frame_alloc();
            try {
                while (true) {
                    int r = demuxer.read(packet);
                    boolean end = r == AVERROR_EOF;
                    if (r < 0 && !end) {
                        throw new MediaFailure("reading fails (" + Ffmpeg.error(r) + ")");
                    }
                    r = avcodec_send_packet(codec, end ? null : packet);
                    if (r < 0 && r != AVERROR_EOF) {
                        throw new MediaFailure("the image data cannot be decoded (" + Ffmpeg.error(r) + ")");
                    }
                    r = avcodec_receive_frame(codec, frame);
                    if (r == 0) {
                        if ((frame.flags() & Ffmpeg.AV_FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0) {
                            throw new MediaFailure("the image is corrupt (the decoder reports errors in it)");
                        }
                        return toRgb(frame);
                    }
                    if (r != AVERROR_EAGAIN() && r != AVERROR_EOF) {
                        throw new MediaFailure("the image data cannot be decoded (" + Ffmpeg.error(r) + ")");
                    }
                    if (end) {
                        throw new MediaFailure("it holds no image");
                    }
                }
            } finally {
                av_frame_free(frame);
                av_packet_free(packet);
                avcodec_free_context(codec);
            }
        }
    }

    /** The frame as PIL's {@code convert("RGB")} gives it. */
    static RgbImage toRgb(AVFrame frame) {
        int w = frame.width();
        int h = frame.height();
        int f = frame.format();
        if (!pilRule(f)) {
            try (RgbConverter rgb = new RgbConverter()) {
                return rgb.convert(frame);
            }
        }
        byte[] p = packed(frame);
        byte[] out = new byte[w * h * 3];
        int n = w * h;
        if (f == AV_PIX_FMT_RGB24) {
            System.arraycopy(p, 0, out, 0, n * 3);
        } else if (f == AV_PIX_FMT_BGR24) {
            pick(p, 3, 2, 1, 0, out, n);
        } else if (f == AV_PIX_FMT_RGBA || f == AV_PIX_FMT_RGB0) {
            pick(p, 4, 0, 1, 2, out, n);
        } else if (f == AV_PIX_FMT_BGRA || f == AV_PIX_FMT_BGR0) {
            pick(p, 4, 2, 1, 0, out, n);
        } else if (f == AV_PIX_FMT_ARGB || f == AV_PIX_FMT_0RGB) {
            pick(p, 4, 1, 2, 3, out, n);
        } else if (f == AV_PIX_FMT_ABGR || f == AV_PIX_FMT_0BGR) {
            pick(p, 4, 3, 2, 1, out, n);
        } else if (f == AV_PIX_FMT_RGB48BE) {
            pick(p, 6, 0, 2, 4, out, n);
        } else if (f == AV_PIX_FMT_RGB48LE) {
            pick(p, 6, 1, 3, 5, out, n);
        } else if (f == AV_PIX_FMT_RGBA64BE) {
            pick(p, 8, 0, 2, 4, out, n);
        } else if (f == AV_PIX_FMT_RGBA64LE) {
            pick(p, 8, 1, 3, 5, out, n);
        } else if (f == AV_PIX_FMT_GRAY8) {
            pick(p, 1, 0, 0, 0, out, n);
        } else if (f == AV_PIX_FMT_YA8) {
            pick(p, 2, 0, 0, 0, out, n);
        } else if (f == AV_PIX_FMT_YA16BE) {
            pick(p, 4, 0, 0, 0, out, n);
        } else if (f == AV_PIX_FMT_GRAY16BE || f == AV_PIX_FMT_GRAY16LE) {
            boolean be = f == AV_PIX_FMT_GRAY16BE;
            for (int i = 0; i < n; i++) {
                int v = be ? ((p[2 * i] & 0xff) << 8) | (p[2 * i + 1] & 0xff)
                        : ((p[2 * i + 1] & 0xff) << 8) | (p[2 * i] & 0xff);
                byte b = (byte) Math.min(v, 255);
                out[3 * i] = b;
                out[3 * i + 1] = b;
                out[3 * i + 2] = b;
            }
        } else if (f == AV_PIX_FMT_PAL8) {
            // indices, then 256 palette entries 0xAARRGGBB written little-endian (B, G, R, A)
            for (int i = 0; i < n; i++) {
                int e = n + 4 * (p[i] & 0xff);
                out[3 * i] = p[e + 2];
                out[3 * i + 1] = p[e + 1];
                out[3 * i + 2] = p[e];
            }
        } else if (f == AV_PIX_FMT_MONOBLACK || f == AV_PIX_FMT_MONOWHITE) {
            int rowBytes = (w + 7) / 8;
            boolean whiteIsOne = f == AV_PIX_FMT_MONOBLACK;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean one = ((p[y * rowBytes + x / 8] >> (7 - (x & 7))) & 1) != 0;
                    byte b = (byte) (one == whiteIsOne ? 255 : 0);
                    int o = 3 * (y * w + x);
                    out[o] = b;
                    out[o + 1] = b;
                    out[o + 2] = b;
                }
            }
        } else if (f == AV_PIX_FMT_GBRP || f == AV_PIX_FMT_GBRAP) {
            for (int i = 0; i < n; i++) {
                out[3 * i] = p[2 * n + i];
                out[3 * i + 1] = p[i];
                out[3 * i + 2] = p[n + i];
            }
        } else {
            int hs = f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ422P ? 2 : 1;
            int vs = f == AV_PIX_FMT_YUVJ420P || f == AV_PIX_FMT_YUVJ440P ? 2 : 1;
            int cw = (w + hs - 1) / hs;
            int ch = (h + vs - 1) / vs;
            byte[] y = java.util.Arrays.copyOfRange(p, 0, n);
            byte[] cb = java.util.Arrays.copyOfRange(p, n, n + cw * ch);
            byte[] cr = java.util.Arrays.copyOfRange(p, n + cw * ch, n + 2 * cw * ch);
            out = JpegColor.toRgb(y, cb, cr, w, h, cw, ch, hs, vs);
        }
        return new RgbImage(w, h, out);
    }

    private static boolean pilRule(int f) {
        int[] known = {AV_PIX_FMT_RGB24, AV_PIX_FMT_BGR24, AV_PIX_FMT_RGBA, AV_PIX_FMT_RGB0, AV_PIX_FMT_BGRA,
            AV_PIX_FMT_BGR0, AV_PIX_FMT_ARGB, AV_PIX_FMT_0RGB, AV_PIX_FMT_ABGR, AV_PIX_FMT_0BGR, AV_PIX_FMT_RGB48BE,
            AV_PIX_FMT_RGB48LE, AV_PIX_FMT_RGBA64BE, AV_PIX_FMT_RGBA64LE, AV_PIX_FMT_GRAY8, AV_PIX_FMT_YA8,
            AV_PIX_FMT_YA16BE, AV_PIX_FMT_GRAY16BE, AV_PIX_FMT_GRAY16LE, AV_PIX_FMT_PAL8, AV_PIX_FMT_MONOBLACK,
            AV_PIX_FMT_MONOWHITE, AV_PIX_FMT_GBRP, AV_PIX_FMT_GBRAP, AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P,
            AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUVJ444P};
        for (int k : known) {
            if (k == f) {
                return true;
            }
        }
        return false;
    }

    private static void pick(byte[] p, int size, int r, int g, int b, byte[] out, int n) {
        for (int i = 0, s = 0, o = 0; i < n; i++, s += size, o += 3) {
            out[o] = p[s + r];
            out[o + 1] = p[s + g];
            out[o + 2] = p[s + b];
        }
    }

    /** The frame's planes copied tightly packed, rows unpadded (a palette follows PAL8's indices). */
    private static byte[] packed(AVFrame frame) {
        int size = av_image_get_buffer_size(frame.format(), frame.width(), frame.height(), 1);
        if (size < 0) {
            BytePointer name = av_get_pix_fmt_name(frame.format());
            throw new MediaFailure("cannot copy its " + (name == null || name.isNull() ? "" : name.getString())
                    + " pixels (" + Ffmpeg.error(size) + ")");
        }
        try (BytePointer buf = new BytePointer(size)) {
            int r = av_image_copy_to_buffer(buf, size, frame.data(), frame.linesize(), frame.format(),
                    frame.width(), frame.height(), 1);
            if (r < 0) {
                throw new MediaFailure("cannot copy its pixels (" + Ffmpeg.error(r) + ")");
            }
            byte[] out = new byte[size];
            buf.get(out);
            return out;
        }
    }
}
