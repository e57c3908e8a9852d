package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * The packets of a video stream as the demuxer returns them, read once without decoding, and what follows from
 * them: the frame index ↔ pts mapping and, for each frame, the keyframe to start decoding from.
 *
 * <p>Frames are numbered as PyAV's {@code enumerate(container.decode(video=0))} numbers them: in presentation
 * order, which the decoder's output follows; where every packet carries a distinct pts and is one frame, frame
 * {@code k} is the packet with the {@code k}-th smallest pts. Packets the demuxer marks as discarded (outside an
 * edit list) are decoded as references but never output, so they hold no frame index.
 *
 * <p>Immutable.
 */
final class StreamIndex {
    /** At most this many packets are indexed (about 15 hours at 30 fps): beyond it the input is refused. */
    static final int MAX_PACKETS = 1 << 24;

    final int packets;
    final long[] pts;
    final long[] dts;
    final boolean[] key;
    final boolean[] discard;
    /** Whether every packet that holds a frame has a distinct pts, so that frames are identified by pts. */
    final boolean ptsIdentifyFrames;
    /** The number of packets that hold a frame (not discarded). */
    final int framePackets;
    /** {@code framePts[k]}: the pts of frame {@code k} (valid when {@link #ptsIdentifyFrames}). */
    final long[] framePts;
    /** {@code framePacket[k]}: the decode position of the packet of frame {@code k}. */
    final int[] framePacket;
    private final Map<Long, Integer> packetOfPts;
    private final Map<Long, Integer> frameOfPts;
    private final int[] keyframes;

    private StreamIndex(int packets, long[] pts, long[] dts, boolean[] key, boolean[] discard) {
        this.packets = packets;
        this.pts = pts;
        this.dts = dts;
        this.key = key;
        this.discard = discard;
        int framePackets = 0;
        boolean distinct = true;
        packetOfPts = new HashMap<>(packets * 2);
        for (int p = 0; p < packets; p++) {
            if (pts[p] == AV_NOPTS_VALUE || packetOfPts.put(pts[p], p) != null) {
                distinct = false;
            }
            if (!discard[p]) {
                framePackets++;
            }
        }
        this.framePackets = framePackets;
        this.ptsIdentifyFrames = distinct;
        long[] sortable = new long[framePackets];
        int n = 0;
        for (int p = 0; p < packets; p++) {
            if (!discard[p]) {
                sortable[n++] = pts[p];
            }
        }
        Arrays.sort(sortable);
        framePts = sortable;
        framePacket = new int[framePackets];
        frameOfPts = new HashMap<>(framePackets * 2);
        if (distinct) {
            for (int k = 0; k < framePackets; k++) {
                framePacket[k] = packetOfPts.get(framePts[k]);
                frameOfPts.put(framePts[k], k);
            }
        }
        int keys = 0;
        for (int p = 0; p < packets; p++) {
            if (key[p]) {
                keys++;
            }
        }
        keyframes = new int[keys];
        keys = 0;
        for (int p = 0; p < packets; p++) {
            if (key[p]) {
                keyframes[keys++] = p;
            }
        }
    }

    /**
     * Reads every packet of the demuxer's stream from where it stands.
     *
     * @throws MediaFailure if a packet is truncated or corrupt, or reading fails before the end
     */
    static StreamIndex scan(Demuxer demuxer) {
        int cap = 1024;
        long[] pts = new long[cap];
        long[] dts = new long[cap];
        boolean[] key = new boolean[cap];
        boolean[] discard = new boolean[cap];
        int n = 0;
        AVPacket packet = av_packet_alloc();
        try {
            while (true) {
                int r = demuxer.read(packet);
                if (r == AVERROR_EOF) {
                    break;
                }
                if (r < 0) {
                    throw new MediaFailure("reading fails after " + n + " packets of the video stream ("
                            + Ffmpeg.error(r) + "): the file is truncated or corrupt");
                }
                if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
                    throw new MediaFailure("packet " + n + " of the video stream (at byte " + packet.pos()
                            + ") is truncated or corrupt");
                }
                if (n == MAX_PACKETS) {
                    throw new MediaFailure("the video stream has more than " + MAX_PACKETS + " packets");
                }
                if (n == cap) {
                    cap *= 2;
                    pts = Arrays.copyOf(pts, cap);
                    dts = Arrays.copyOf(dts, cap);
                    key = Arrays.copyOf(key, cap);
                    discard = Arrays.copyOf(discard, cap);
                }
                pts[n] = packet.pts();
                dts[n] = packet.dts();
                key[n] = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
                discard[n] = (packet.flags() & AV_PKT_FLAG_DISCARD) != 0;
                n++;
            }
        } finally {
            av_packet_free(packet);
        }
        return new StreamIndex(n, Arrays.copyOf(pts, n), Arrays.copyOf(dts, n), Arrays.copyOf(key, n),
                Arrays.copyOf(discard, n));
    }

    /** The decode position of the packet with this pts, or -1. */
    int packetOfPts(long p) {
        Integer i = packetOfPts.get(p);
        return i == null ? -1 : i;
    }

    /** The frame index of the frame with this pts, or -1. */
    int frameOfPts(long p) {
        Integer i = frameOfPts.get(p);
        return i == null ? -1 : i;
    }

    /** Whether the first packet in decode order is a keyframe. */
    boolean startsWithKeyframe() {
        return packets > 0 && key[0];
    }

    /** Whether a frame is shown before the first packet's frame (leading pictures of an open GOP at the start). */
    boolean hasLeadingFrames() {
        return framePackets > 0 && framePts[0] < pts[0];
    }

    /**
     * The keyframe to start decoding from for frame {@code k}: the last keyframe at or before its packet in decode
     * order whose pts is at or before its pts, or -1 if there is none.
     */
    int keyframeFor(int k) {
        int p = framePacket[k];
        int i = Arrays.binarySearch(keyframes, p);
        if (i < 0) {
            i = -i - 2;
        }
        for (; i >= 0; i--) {
            if (pts[keyframes[i]] <= framePts[k]) {
                return keyframes[i];
            }
        }
        return -1;
    }
}
