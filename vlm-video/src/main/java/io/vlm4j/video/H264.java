package io.vlm4j.video;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacpp.BytePointer;

/**
 * Recognises H.264 access units that no other picture references, from their NAL unit headers.
 *
 * <p>ITU-T H.264 §7.4.1: a picture whose slices all have {@code nal_ref_idc == 0} is not used for inter prediction
 * of any other picture, and carries no memory-management operations ({@code dec_ref_pic_marking} is absent), so
 * not decoding it leaves every other picture's bits unchanged — what FFmpeg's {@code skip_frame = AVDISCARD_NONREF}
 * does inside the decoder; here it is decided per packet, so that a non-reference picture that is itself wanted is
 * still decoded. Only length-prefixed (avcC, as in MP4 and Matroska) streams are read; anything unexpected counts
 * as a reference.
 *
 * <p>Immutable; thread-safe.
 */
final class H264 {
    private final int lengthSize;

    private H264(int lengthSize) {
        this.lengthSize = lengthSize;
    }

    /** A reader for the stream, or null if it is not length-prefixed H.264. */
    static H264 of(AVCodecParameters par) {
        if (par.codec_id() != org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264 || par.extradata_size() < 7) {
            return null;
        }
        BytePointer extra = par.extradata();
        if (extra == null || extra.isNull() || (extra.get(0) & 0xff) != 1) {
            return null;
        }
        return new H264((extra.get(4) & 3) + 1);
    }

    /** Whether every slice of the packet has {@code nal_ref_idc == 0} (and it has at least one). */
    boolean isNonReference(AVPacket packet) {
        BytePointer data = packet.data();
        int size = packet.size();
        if (data == null || data.isNull() || size <= lengthSize) {
            return false;
        }
        boolean slice = false;
        long at = 0;
        while (at + lengthSize < size) {
            long length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = (length << 8) | (data.get(at + i) & 0xff);
            }
            at += lengthSize;
            if (length < 1 || at + length > size) {
                return false;
            }
            int header = data.get(at) & 0xff;
            int type = header & 0x1f;
            int refIdc = (header >> 5) & 3;
            if (type >= 1 && type <= 5) {
                if (refIdc != 0) {
                    return false;
                }
                slice = true;
            }
            at += length;
        }
        return slice;
    }
}
