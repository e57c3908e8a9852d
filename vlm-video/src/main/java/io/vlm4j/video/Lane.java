package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.vlm4j.media.RgbImage;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * One decoding pipeline: a demuxer of its own, a decoder, and an RGB converter. Decodes a stretch of packets from
 * a keyframe ({@link #decodeRun}) or everything from the start ({@link #decodeSequential}), and converts only the
 * wanted frames to RGB.
 *
 * <p>Used by one thread at a time. Holds native resources: {@link #close()} (idempotent).
 */
final class Lane implements AutoCloseable {
    /** Reading packets without decoding them is cheap: up to this many are read instead of seeking. */
    private static final int READ_INSTEAD_OF_SEEK = 48;

    /** Receives wanted frames, and says when to stop. */
    interface Delivery {
        /** A wanted frame, in ascending frame order. */
        void frame(int index, double seconds, RgbImage image);

        /** Whether the decode was abandoned (the lane stops at its next packet). */
        default boolean cancelled() {
            return false;
        }
    }

    /** Seeking did not land where the index says; the caller decodes sequentially instead. */
    static final class SeekInconsistency extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SeekInconsistency(String message) {
            super(message, null, false, false);
        }
    }

    private final MediaInput input;
    private final DecodeStats stats;
    private final int threads;
    private final long maxPixels;
    private Demuxer demuxer;
    private AVCodecContext codec;
    private AVPacket packet;
    private AVFrame frame;
    private final RgbConverter rgb = new RgbConverter();
    private final H264 h264;
    private final long tbNum;
    private final long tbDen;
    /** The decode position of the packet held in {@link #packet}, or -1 (none, or unknown). */
    private int held = -1;
    /** Whether the demuxer reads from the start and nothing was read yet. */
    private boolean fresh;
    /** Whether the decoder may hold frames or state from packets sent since its last flush. */
    private boolean dirty;
    private boolean closed;

    /**
     * A lane over an open demuxer (which it takes over) with a decoder of {@code threads} frame threads.
     *
     * @throws MediaFailure if the stream's codec cannot be decoded here
     */
    Lane(MediaInput input, Demuxer demuxer, boolean fresh, int threads, long maxPixels, DecodeStats stats) {
        this.input = input;
        this.stats = stats;
        this.threads = threads;
        this.maxPixels = maxPixels;
        this.demuxer = demuxer;
        this.fresh = fresh;
        AVRational tb = demuxer.stream().time_base();
        this.tbNum = tb.num();
        this.tbDen = tb.den();
        this.h264 = H264.of(demuxer.stream().codecpar());
        try {
            checkSize(demuxer.stream().codecpar(), maxPixels);
            packet = av_packet_alloc();
            frame = av_frame_alloc();
            openCodec();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Opens a new demuxer over {@code input} and a lane over it. */
    static Lane open(MediaInput input, int threads, long maxPixels, DecodeStats stats) {
        Demuxer demuxer = Demuxer.open(input, maxPixels);
        try {
            return new Lane(input, demuxer, true, threads, maxPixels, stats);
        } catch (RuntimeException | Error e) {
            demuxer.close();
            throw e;
        }
    }

    private static void checkSize(AVCodecParameters par, long maxPixels) {
        if (par.width() <= 0 || par.height() <= 0) {
            throw new MediaFailure("the video stream states no frame size");
        }
        if ((long) par.width() * par.height() > maxPixels) {
            throw new MediaFailure("its frames are " + par.width() + "x" + par.height() + ", over the limit of "
                    + maxPixels + " pixels");
        }
    }

    private void openCodec() {
        codec = openDecoder(demuxer.stream(), threads, maxPixels, 0);
    }

    /**
     * A decoder for the stream, opened: {@code threads} frame threads (1: none), at most {@code maxPixels} a
     * frame, with FFmpeg's IDCT {@code idctAlgo} (0: automatic).
     *
     * @throws MediaFailure if the codec is unknown or has no decoder here, or the decoder refuses the stream
     */
    static AVCodecContext openDecoder(AVStream stream, int threads, long maxPixels, int idctAlgo) {
        AVCodecParameters par = stream.codecpar();
        AVCodec decoder = avcodec_find_decoder(par.codec_id());
        if (decoder == null || decoder.isNull()) {
            if (par.codec_id() == org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE) {
                throw new MediaFailure("unknown codec " + fourcc(par.codec_tag()) + " in its video stream");
            }
            throw new MediaFailure("no decoder for its " + avcodec_get_name(par.codec_id()).getString()
                    + " video in this FFmpeg build");
        }
        AVCodecContext ctx = avcodec_alloc_context3(decoder);
        if (ctx == null || ctx.isNull()) {
            throw new OutOfMemoryError("avcodec_alloc_context3 failed");
        }
        try {
            int r = avcodec_parameters_to_context(ctx, par);
            if (r < 0) {
                throw new MediaFailure("bad codec parameters (" + Ffmpeg.error(r) + ")");
            }
            ctx.pkt_timebase(stream.time_base());
            ctx.max_pixels(maxPixels);
            ctx.idct_algo(idctAlgo);
            if (threads > 1) {
                ctx.thread_count(threads);
                ctx.thread_type(Ffmpeg.FF_THREAD_FRAME);
            } else {
                ctx.thread_count(1);
            }
            r = avcodec_open2(ctx, decoder, (AVDictionary) null);
            if (r < 0) {
                throw new MediaFailure("the " + decoder.name().getString() + " decoder cannot open it ("
                        + Ffmpeg.error(r) + ")");
            }
            return ctx;
        } catch (RuntimeException | Error e) {
            avcodec_free_context(ctx);
            throw e;
        }
    }

    private static String fourcc(int tag) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < 4; i++) {
            int c = (tag >>> (8 * i)) & 0xff;
            b.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return b.append("'").toString();
    }

    /** The decoder's name, as PyAV's {@code codec_context.name} ({@code h264}, {@code vp9}). */
    String codecName() {
        return codec.codec().name().getString();
    }

    Demuxer demuxer() {
        return demuxer;
    }

    /** Reads every packet of the stream from where the demuxer stands into an index. */
    StreamIndex scan() {
        fresh = false;
        held = -1;
        return StreamIndex.scan(demuxer);
    }

    int threads() {
        return threads;
    }

    /** Seconds of a pts in the stream's time base, as PyAV's {@code float(pts * time_base)}. */
    double seconds(long pts) {
        return pts == AV_NOPTS_VALUE ? Double.NaN : (double) (pts * tbNum) / tbDen;
    }

    /**
     * Decodes every frame from the start in output order — the seeds' {@code read_video_pyav}: frame {@code k} is
     * the {@code k}-th frame the decoder returns — and delivers those in {@code sortedTargets}, stopping after the
     * last. With no targets, decodes to the end.
     *
     * @param pts if not null, receives the pts (or best-effort timestamp) of each frame, in order
     * @return the number of frames decoded
     */
    int decodeSequential(int[] sortedTargets, Delivery out, LongList pts) {
        restart();
        int k = 0;
        int t = 0;
        while (t < sortedTargets.length || sortedTargets.length == 0) {
            if (out.cancelled()) {
                return k;
            }
            int r = demuxer.read(packet);
            fresh = false;
            boolean end = r == AVERROR_EOF;
            if (r < 0 && !end) {
                throw new MediaFailure("reading fails after " + k + " frames (" + Ffmpeg.error(r) + ")");
            }
            send(end ? null : packet, k);
            while (true) {
                r = avcodec_receive_frame(codec, frame);
                if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                    break;
                }
                if (r < 0) {
                    throw new MediaFailure("frame " + k + " cannot be decoded (" + Ffmpeg.error(r) + ")");
                }
                long p = framePts();
                if (pts != null) {
                    pts.add(p);
                }
                if (t < sortedTargets.length && sortedTargets[t] == k) {
                    out.frame(k, seconds(p), convert(k));
                    while (t < sortedTargets.length && sortedTargets[t] == k) {
                        t++;
                    }
                }
                k++;
            }
            if (end) {
                break;
            }
        }
        held = -1;
        if (t < sortedTargets.length) {
            throw new MediaFailure("the video ends after " + k + " frames, before frame " + sortedTargets[t]);
        }
        return k;
    }

    /**
     * Decodes the packets {@code run.start .. run.end} (decode order) from the keyframe at {@code run.start}, sends
     * the decoder its end so that it returns every frame it holds, and delivers the run's targets, identified by
     * pts. Non-reference H.264 pictures that are not targets are not decoded.
     *
     * @throws SeekInconsistency if the demuxer's packets after seeking do not match the index
     */
    void decodeRun(StreamIndex index, Run run, Delivery out) {
        if (dirty) {
            // an earlier decode stopped half-way: start clean, from a seek
            avcodec_flush_buffers(codec);
            dirty = false;
            held = -1;
        }
        positionAt(index, run.start);
        int p = run.start;
        int delivered = 0;
        while (true) {
            if (out.cancelled()) {
                break;
            }
            boolean wanted = run.isTargetPacket(p);
            if (wanted || h264 == null || !h264.isNonReference(packet)) {
                send(packet, p);
                delivered += receive(index, run, out);
            } else {
                stats.nonReferenceSkipped.increment();
            }
            if (p == run.end) {
                break;
            }
            int r = demuxer.read(packet);
            if (r < 0) {
                held = -1;
                throw new SeekInconsistency("the stream ends at packet " + p + ", before packet " + run.end);
            }
            int next = index.packetOfPts(packet.pts());
            if (next != p + 1) {
                held = -1;
                throw new SeekInconsistency("packet " + (p + 1) + " was expected after packet " + p + ", got "
                        + next);
            }
            p = next;
        }
        // the packet at p stays held: a following run that starts there sends it again
        held = p;
        send(null, p);
        delivered += receive(index, run, out);
        avcodec_flush_buffers(codec);
        dirty = false;
        if (delivered < run.targetCount() && !out.cancelled()) {
            throw new SeekInconsistency("decoding packets " + run.start + ".." + run.end + " output " + delivered
                    + " of its " + run.targetCount() + " frames");
        }
    }

    private int receive(StreamIndex index, Run run, Delivery out) {
        int delivered = 0;
        while (true) {
            int r = avcodec_receive_frame(codec, frame);
            if (r == AVERROR_EAGAIN() || r == AVERROR_EOF) {
                return delivered;
            }
            if (r < 0) {
                throw new MediaFailure("a frame after packet " + run.start + " cannot be decoded ("
                        + Ffmpeg.error(r) + ")");
            }
            int k = index.frameOfPts(framePts());
            if (k >= 0 && run.take(k)) {
                out.frame(k, seconds(index.framePts[k]), convert(k));
                delivered++;
            }
        }
    }

    /** Leaves {@link #packet} holding the packet at decode position {@code start}, the decoder empty. */
    private void positionAt(StreamIndex index, int start) {
        fresh = false;
        if (held >= 0 && held <= start && start - held <= READ_INSTEAD_OF_SEEK) {
            // the next keyframe is close: read on to it rather than seek
            skipTo(index, start);
            return;
        }
        long ts = index.dts[start] != AV_NOPTS_VALUE ? index.dts[start] : index.pts[start];
        stats.seeks.increment();
        demuxer.seek(ts);
        held = readPosition(index);
        if (held > start || held < 0) {
            // landed after the keyframe: start over from the beginning of the stream
            reopen();
            fresh = false;
            held = readPosition(index);
            if (held > start || held < 0) {
                throw new SeekInconsistency("the stream's first packet after opening is " + held);
            }
        }
        skipTo(index, start);
    }

    private void skipTo(StreamIndex index, int start) {
        while (held < start) {
            int next = readPosition(index);
            if (next != held + 1) {
                throw new SeekInconsistency("packet " + (held + 1) + " was expected after packet " + held + ", got "
                        + next);
            }
            held = next;
        }
    }

    private int readPosition(StreamIndex index) {
        int r = demuxer.read(packet);
        if (r < 0) {
            return -1;
        }
        return index.packetOfPts(packet.pts());
    }

    private void send(AVPacket p, int where) {
        if (p != null) {
            stats.packetsDecoded.increment();
        }
        dirty = true;
        int r = avcodec_send_packet(codec, p);
        if (r < 0 && r != AVERROR_EOF) {
            throw new MediaFailure("packet " + where + " of the video stream cannot be decoded (" + Ffmpeg.error(r)
                    + ")");
        }
    }

    private long framePts() {
        long p = frame.pts();
        return p != AV_NOPTS_VALUE ? p : frame.best_effort_timestamp();
    }

    private RgbImage convert(int k) {
        if ((frame.flags() & Ffmpeg.AV_FRAME_FLAG_CORRUPT) != 0 || frame.decode_error_flags() != 0) {
            throw new MediaFailure("frame " + k + " is corrupt (the decoder reports errors in it)");
        }
        stats.converted.increment();
        return rgb.convert(frame);
    }

    /** Makes the next read return the stream's first packet, with an empty decoder. */
    private void restart() {
        if (!fresh) {
            reopen();
        }
        held = -1;
    }

    private void reopen() {
        Demuxer next = Demuxer.open(input, maxPixels);
        demuxer.close();
        demuxer = next;
        avcodec_flush_buffers(codec);
        dirty = false;
        fresh = true;
        held = -1;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        rgb.close();
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
        }
        if (demuxer != null) {
            demuxer.close();
            demuxer = null;
        }
    }
}
