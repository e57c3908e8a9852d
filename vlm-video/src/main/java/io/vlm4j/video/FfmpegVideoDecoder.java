package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_VP9;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_PROP_INTRA_ONLY;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_descriptor_get;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import io.vlm4j.VideoDecodeException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoDecoder;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.media.VideoMetadata;
import io.vlm4j.media.VideoMetadata.FrameCountSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecDescriptor;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;

/**
 * A video opened with FFmpeg: its metadata as HF's {@code VideoMetadata} reports it, with the frame count
 * established, and its frames at the indices HF's sampling selects, byte-identical to PyAV's
 * {@code frame.to_ndarray(format="rgb24")} of stream 0.
 *
 * <p><b>Frame count.</b> Opening reads every packet of the video stream once, without decoding (about 100× cheaper
 * than decoding). Where the packets provably are the frames — every packet has its own pts, the first is a
 * keyframe shown first, and the codec and container put one frame in each packet (H.264, HEVC, VP9, AV1 in MP4/MOV,
 * Matroska/WebM or IVF, or any intra-only codec) — their count is the frame count ({@link FrameCountSource#CONTAINER}
 * where the container states the same number, else {@link FrameCountSource#PACKETS}); elsewhere every frame is
 * decoded and counted ({@link FrameCountSource#DECODED}).
 *
 * <p><b>Decoding only what is needed.</b> Where packets identify frames, each wanted frame is decoded from the last
 * keyframe at or before it (in decode order, with a pts at or before its own), wanted frames sharing a keyframe's
 * stretch are decoded in one pass, non-reference H.264 pictures that are not wanted are skipped, independent
 * stretches decode in parallel (or one stretch with frame threads), and only the wanted frames are converted to RGB.
 * Elsewhere frames are decoded from the start, as the seeds do. Frames reach the caller one at a time, in the order
 * asked for.
 *
 * <p>One per caller: not thread-safe. {@link #close()} frees every native resource and deletes a downloaded copy;
 * it is idempotent.
 */
public final class FfmpegVideoDecoder implements VideoDecoder {
    private final MediaInput input;
    private final VideoDecodeOptions options;
    private final StreamIndex index;
    private final boolean seekable;
    private final long[] decodedPts;
    private final VideoMetadata metadata;
    private final double[] frameSeconds;
    private final List<Lane> singleLanes = new ArrayList<>();
    private final DecodeStats stats = new DecodeStats();
    private Lane threadedLane;
    private boolean closed;

    private FfmpegVideoDecoder(MediaInput input, VideoDecodeOptions options) {
        this.input = input;
        this.options = options;
        try {
        Lane first = Lane.open(input, 1, options.maxPixels(), stats);
        singleLanes.add(first);
        Demuxer demuxer = first.demuxer();
        AVStream stream = demuxer.stream();
        AVCodecParameters par = stream.codecpar();
        long containerFrames = Math.max(0, stream.nb_frames());
        String codecName = first.codecName();
        StreamIndex scanned = first.scan();
        if (scanned.framePackets == 0) {
            throw new MediaFailure("the video stream has no frames");
        }
        int total;
        FrameCountSource source;
        if (packetsAreFrames(demuxer.formatName(), par.codec_id(), scanned)) {
            total = scanned.framePackets;
            source = containerFrames == total ? FrameCountSource.CONTAINER : FrameCountSource.PACKETS;
            this.index = scanned;
            this.seekable = true;
            this.decodedPts = null;
            frameSeconds = new double[total];
            for (int k = 0; k < total; k++) {
                frameSeconds[k] = first.seconds(scanned.framePts[k]);
            }
        } else {
            LongList pts = new LongList();
            total = threaded().decodeSequential(new int[0], (k, s, image) -> { }, pts);
            if (total == 0) {
                throw new MediaFailure("no frame of the video stream decodes");
            }
            source = FrameCountSource.DECODED;
            this.index = null;
            this.seekable = false;
            this.decodedPts = pts.toArray();
            frameSeconds = new double[total];
            for (int k = 0; k < total; k++) {
                frameSeconds[k] = first.seconds(decodedPts[k]);
            }
        }
        AVFormatContext fc = demuxer.context();
        double duration = fc.duration() != AV_NOPTS_VALUE ? fc.duration() / 1e6
                : stream.duration() != AV_NOPTS_VALUE ? first.seconds(stream.duration()) : Double.NaN;
        this.metadata = new VideoMetadata(total, fps(stream), duration, par.width(), par.height(), codecName,
                rotation(par), source, containerFrames);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Opens a video with the default options.
     *
     * @throws VideoDecodeException naming the source and the reason if it cannot be opened
     */
    public static FfmpegVideoDecoder open(MediaSource source) {
        return open(source, VideoDecodeOptions.defaults());
    }

    /**
     * Opens a video: a file, an {@code http(s)} URL (downloaded to a temporary file, deleted on close), bytes, or a
     * stream (copied to a temporary file).
     *
     * @throws VideoDecodeException naming the source and the reason if it cannot be opened
     */
    public static FfmpegVideoDecoder open(MediaSource source, VideoDecodeOptions options) {
        MediaInput input = null;
        try {
            input = MediaInput.of(source, options);
            return new FfmpegVideoDecoder(input, options);
        } catch (MediaFailure | Lane.SeekInconsistency e) {
            if (input != null) {
                input.deleteTemporary();
            }
            throw new VideoDecodeException(source.describe() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            if (input != null) {
                input.deleteTemporary();
            }
            throw e;
        }
    }

    /** What decoding did since the last reset (for tests and benchmarks). */
    DecodeStats stats() {
        return stats;
    }

    @Override
    public VideoMetadata metadata() {
        return metadata;
    }

    /** The presentation time in seconds of frame {@code k} (PyAV's {@code frame.time}). */
    public double frameSeconds(int k) {
        return frameSeconds[k];
    }

    @Override
    public int[] indices(FrameSampling sampling) {
        return Sampler.indices(sampling, metadata.totalFrames(), metadata.fps(), k -> frameSeconds[k],
                input.name());
    }

    @Override
    public VideoFrames decode(FrameSampling sampling) {
        int[] indices = indices(sampling);
        List<RgbImage> frames = new ArrayList<>(indices.length);
        double[] seconds = new double[indices.length];
        decode(indices, (k, s, image) -> {
            seconds[frames.size()] = s;
            frames.add(image);
        });
        try {
            return new VideoFrames(frames, indices, seconds);
        } catch (IllegalArgumentException e) {
            throw new VideoDecodeException(input.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void decode(FrameSampling sampling, FrameSink sink) {
        decode(indices(sampling), sink);
    }

    private void decode(int[] requested, FrameSink sink) {
        if (closed) {
            throw new IllegalStateException(input.name() + ": the decoder is closed");
        }
        Emitter emitter = new Emitter(requested, sink);
        int[] targets = Emitter.sortedDistinct(requested);
        try {
            Run[] runs = seekable && options.strategy() == VideoDecodeOptions.Strategy.AUTO
                    ? Run.plan(index, targets) : null;
            if (runs != null) {
                try {
                    decodeRuns(runs, emitter);
                } catch (Lane.SeekInconsistency e) {
                    stats.fallbacks.increment();
                    sequentialLane().decodeSequential(emitter.notArrived(), emitter, null);
                }
            } else {
                sequentialLane().decodeSequential(targets, emitter, null);
            }
        } catch (MediaFailure e) {
            throw new VideoDecodeException(input.name() + ": " + e.getMessage(), e);
        }
        if (!emitter.done()) {
            throw new VideoDecodeException(input.name() + ": frames " + Arrays.toString(emitter.notArrived())
                    + " were asked for but not decoded");
        }
    }

    /**
     * Seeking and decoding stretches saves work only where the stretches skip packets: when they would decode
     * nearly every packet up to the last target anyway, one pass from the start does the same work without the
     * seeks, flushes and extra lanes.
     */
    private static final double SEEK_SAVING_NEEDED = 0.9;

    private void decodeRuns(Run[] runs, Emitter emitter) {
        long total = 0;
        long largest = 0;
        int last = 0;
        for (Run r : runs) {
            total += r.packets();
            largest = Math.max(largest, r.packets());
            last = Math.max(last, r.end);
        }
        if (runs.length > 1 && total >= SEEK_SAVING_NEEDED * (last + 1)) {
            Run all = Run.fromStart(index, Emitter.sortedDistinct(Arrays.stream(runs)
                    .flatMapToInt(r -> Arrays.stream(r.targets)).toArray()));
            runs = new Run[] {all};
            total = all.packets();
            largest = total;
        }
        int lanes = (int) Math.min(options.threads(), runs.length);
        if (lanes <= 1 || largest * 2 > total) {
            // one stretch dominates: decode in order on one lane, with frame threads if there are threads to use
            Lane lane = options.threads() > 1 ? threaded() : single(0);
            for (Run r : runs) {
                lane.decodeRun(index, r, emitter);
            }
            return;
        }
        List<Lane> use = new ArrayList<>(lanes);
        for (int i = 0; i < lanes; i++) {
            use.add(single(i));
        }
        new ParallelRuns(index, runs, use).execute(emitter);
    }

    private Lane sequentialLane() {
        return options.threads() > 1 && options.strategy() == VideoDecodeOptions.Strategy.AUTO ? threaded()
                : single(0);
    }

    private Lane single(int i) {
        while (singleLanes.size() <= i) {
            singleLanes.add(Lane.open(input, 1, options.maxPixels(), stats));
        }
        return singleLanes.get(i);
    }

    private Lane threaded() {
        if (threadedLane == null) {
            threadedLane = Lane.open(input, options.threads(), options.maxPixels(), stats);
        }
        return threadedLane;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Lane lane : singleLanes) {
            lane.close();
        }
        singleLanes.clear();
        if (threadedLane != null) {
            threadedLane.close();
            threadedLane = null;
        }
        input.deleteTemporary();
    }

    /**
     * Whether each packet of the stream is exactly one frame of PyAV's decode loop, so that counting packets is
     * counting frames and pts identify them.
     */
    static boolean packetsAreFrames(String format, int codecId, StreamIndex index) {
        if (!index.ptsIdentifyFrames || !index.startsWithKeyframe() || index.hasLeadingFrames()) {
            return false;
        }
        AVCodecDescriptor d = avcodec_descriptor_get(codecId);
        if (d != null && !d.isNull() && (d.props() & AV_CODEC_PROP_INTRA_ONLY) != 0) {
            return true;
        }
        boolean oneFramePerPacket = codecId == AV_CODEC_ID_H264 || codecId == AV_CODEC_ID_HEVC
                || codecId == AV_CODEC_ID_VP9 || codecId == AV_CODEC_ID_AV1;
        boolean samples = format.startsWith("mov,") || format.startsWith("matroska") || format.equals("ivf");
        return oneFramePerPacket && samples;
    }

    private static double fps(AVStream stream) {
        AVRational avg = stream.avg_frame_rate();
        if (avg.num() > 0 && avg.den() > 0) {
            return (double) avg.num() / avg.den();
        }
        AVRational r = stream.r_frame_rate();
        return r.num() > 0 && r.den() > 0 ? (double) r.num() / r.den() : Double.NaN;
    }

    /** The clockwise rotation in degrees [0, 360) the display matrix asks for, as FFmpeg's tools read it. */
    private static int rotation(AVCodecParameters par) {
        AVPacketSideData sd = av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 9 * 4) {
            return 0;
        }
        double theta = -Math.round(av_display_rotation_get(new IntPointer(sd.data())));
        theta -= 360 * Math.floor(theta / 360 + 0.9 / 360);
        return (int) theta;
    }
}
