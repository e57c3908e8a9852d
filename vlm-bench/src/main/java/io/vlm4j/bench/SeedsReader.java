package io.vlm4j.bench;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.vlm4j.media.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The seeds' {@code read_video_pyav} on the same FFmpeg: open, take the container's frame count, compute
 * {@code np.arange(0, T, T / n).astype(int)}, decode stream 0 from the start on one thread and keep the wanted
 * frames (converted to RGB as PyAV's {@code to_ndarray} does), stopping after the last. The baseline of
 * {@link FramesBenchmark}.
 */
public final class SeedsReader {
    private SeedsReader() {}

    /** The wanted frames of {@code n} uniform ones. */
    public static List<RgbImage> read(Path video, int n) {
        AVFormatContext fc = new AVFormatContext(null);
        if (avformat_open_input(fc, video.toString(), null, null) < 0) {
            throw new IllegalStateException("cannot open " + video);
        }
        AVCodecContext ctx = null;
        AVPacket pkt = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        SwsContext sws = null;
        BytePointer rgb = null;
        try {
            avformat_find_stream_info(fc, (PointerPointer<?>) null);
            int si = -1;
            for (int i = 0; i < fc.nb_streams(); i++) {
                if (fc.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                    si = i;
                    break;
                }
            }
            AVStream st = fc.streams(si);
            long total = st.nb_frames();
            double step = (double) total / n;
            int[] wanted = new int[(int) Math.ceil(total / step)];
            for (int i = 0; i < wanted.length; i++) {
                wanted[i] = (int) (i * step);
            }
            AVCodec dec = avcodec_find_decoder(st.codecpar().codec_id());
            ctx = avcodec_alloc_context3(dec);
            avcodec_parameters_to_context(ctx, st.codecpar());
            ctx.thread_count(1);
            avcodec_open2(ctx, dec, (AVDictionary) null);
            int w = st.codecpar().width();
            int h = st.codecpar().height();
            int stride = (w * 3 + 64 + 63) / 64 * 64;
            rgb = new BytePointer(av_malloc((long) stride * (h + 1) + 64));
            PointerPointer<BytePointer> planes = new PointerPointer<>(4);
            planes.put(0, rgb);
            IntPointer strides = new IntPointer(4).put(0, stride);
            List<RgbImage> out = new ArrayList<>();
            int k = 0;
            int t = 0;
            boolean end = false;
            while (t < wanted.length && !end) {
                av_packet_unref(pkt);
                int r = av_read_frame(fc, pkt);
                if (r < 0) {
                    end = true;
                } else if (pkt.stream_index() != si) {
                    continue;
                }
                avcodec_send_packet(ctx, end ? null : pkt);
                while (t < wanted.length && avcodec_receive_frame(ctx, frame) == 0) {
                    if (k == wanted[t]) {
                        if (sws == null) {
                            sws = sws_getContext(w, h, frame.format(), w, h, AV_PIX_FMT_RGB24, SWS_BILINEAR, null,
                                    null, (DoublePointer) null);
                        }
                        sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, strides);
                        byte[] bytes = new byte[w * h * 3];
                        for (int y = 0; y < h; y++) {
                            rgb.position((long) y * stride).get(bytes, y * w * 3, w * 3);
                        }
                        rgb.position(0);
                        out.add(new RgbImage(w, h, bytes));
                        while (t < wanted.length && wanted[t] == k) {
                            t++;
                        }
                    }
                    k++;
                }
            }
            if (out.size() != wanted.length) {
                throw new IllegalStateException(video + ": got " + out.size() + " of " + Arrays.toString(wanted));
            }
            planes.close();
            strides.close();
            return out;
        } finally {
            if (sws != null) {
                sws_freeContext(sws);
            }
            if (rgb != null) {
                av_free(rgb.position(0));
            }
            av_frame_free(frame);
            av_packet_free(pkt);
            if (ctx != null) {
                avcodec_free_context(ctx);
            }
            avformat_close_input(fc);
        }
    }
}
