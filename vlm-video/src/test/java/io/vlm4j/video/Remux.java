package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_new;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Copies a video's first stream into another container with FFmpeg (no re-encoding), for test inputs. */
final class Remux {
    private Remux() {}

    /**
     * Remuxes stream 0 of {@code in} into {@code out} as {@code format}, keeping at most {@code maxPackets}
     * packets, with the muxer option {@code movflags} if not null and a display matrix rotating by
     * {@code rotation} degrees clockwise ({@code av_display_rotation_set}) if not 0.
     */
    static void remux(Path in, Path out, String format, int maxPackets, String movflags, double rotation) {
        Ffmpeg.load();
        AVFormatContext ic = new AVFormatContext(null);
        check(avformat_open_input(ic, in.toString(), null, null), "open " + in);
        AVFormatContext oc = new AVFormatContext(null);
        AVPacket pkt = av_packet_alloc();
        try {
            check(avformat_find_stream_info(ic, (PointerPointer<?>) null), "stream info");
            AVStream is = ic.streams(0);
            check(avformat_alloc_output_context2(oc, null, format, out.toString()), "output " + format);
            AVStream os = avformat_new_stream(oc, null);
            check(avcodec_parameters_copy(os.codecpar(), is.codecpar()), "copy parameters");
            os.codecpar().codec_tag(0);
            os.time_base(is.time_base());
            if (rotation != 0) {
                AVCodecParameters par = os.codecpar();
                PointerPointer<AVPacketSideData> list = new PointerPointer<>(1);
                list.put(0, par.coded_side_data());
                IntPointer count = new IntPointer(1);
                count.put(par.nb_coded_side_data());
                AVPacketSideData sd = av_packet_side_data_new(list, count, AV_PKT_DATA_DISPLAYMATRIX, 9 * 4, 0);
                par.coded_side_data(new AVPacketSideData(list.get(0)));
                par.nb_coded_side_data(count.get());
                av_display_rotation_set(new IntPointer(sd.data()), rotation);
            }
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "open " + out);
            oc.pb(pb);
            AVDictionary options = new AVDictionary(null);
            if (movflags != null) {
                av_dict_set(options, "movflags", movflags, 0);
            }
            check(avformat_write_header(oc, options), "write header");
            av_dict_free(options);
            int n = 0;
            while (n < maxPackets && av_read_frame(ic, pkt) >= 0) {
                if (pkt.stream_index() == 0) {
                    av_packet_rescale_ts(pkt, is.time_base(), os.time_base());
                    pkt.pos(-1);
                    check(av_interleaved_write_frame(oc, pkt), "write packet " + n);
                    n++;
                }
                av_packet_unref(pkt);
            }
            check(av_write_trailer(oc), "write trailer");
            AVIOContext opened = oc.pb();
            avio_closep(opened);
        } finally {
            av_packet_free(pkt);
            avformat_free_context(oc);
            avformat_close_input(ic);
        }
    }

    /**
     * Writes a container whose one video stream says it is raw {@code width x height} yuv420p video, with one
     * packet of a few bytes: a header that promises far more than the file holds.
     */
    static void rawVideoHeader(Path out, String format, int width, int height) {
        Ffmpeg.load();
        AVFormatContext oc = new AVFormatContext(null);
        AVPacket pkt = av_packet_alloc();
        try {
            check(avformat_alloc_output_context2(oc, null, format, out.toString()), "output " + format);
            AVStream os = avformat_new_stream(oc, null);
            AVCodecParameters par = os.codecpar();
            par.codec_type(org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO);
            par.codec_id(org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_RAWVIDEO);
            par.width(width);
            par.height(height);
            par.format(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P);
            os.time_base().num(1);
            os.time_base().den(25);
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, out.toString(), AVIO_FLAG_WRITE), "open " + out);
            oc.pb(pb);
            check(avformat_write_header(oc, (AVDictionary) null), "write header");
            check(org.bytedeco.ffmpeg.global.avcodec.av_new_packet(pkt, 64), "packet");
            pkt.stream_index(0);
            pkt.pts(0);
            pkt.dts(0);
            pkt.flags(org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY);
            check(av_interleaved_write_frame(oc, pkt), "write packet");
            check(av_write_trailer(oc), "write trailer");
            AVIOContext opened = oc.pb();
            avio_closep(opened);
        } finally {
            av_packet_free(pkt);
            avformat_free_context(oc);
        }
    }

    private static void check(int r, String what) {
        if (r < 0) {
            throw new IllegalStateException(what + ": " + Ffmpeg.error(r));
        }
    }
}
