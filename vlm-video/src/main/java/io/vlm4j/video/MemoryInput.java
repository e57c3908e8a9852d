package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An FFmpeg I/O context that reads bytes held in the Java heap, so that media in memory are demuxed without a
 * temporary file.
 *
 * <p>FFmpeg calls back into Java through one shared read and one shared seek function (JavaCPP has a fixed number
 * of native thunks per callback type); the {@code opaque} pointer of each context, a one-byte native allocation,
 * keys the bytes it reads. One per demuxer; the callbacks are thread-safe.
 */
final class MemoryInput implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int SEEK_SET = 0;
    private static final int SEEK_CUR = 1;
    private static final int SEEK_END = 2;
    private static final int AVSEEK_FORCE = 0x20000;
    private static final Map<Long, MemoryInput> OPEN = new ConcurrentHashMap<>();
    private static final ReadCallback READ = new ReadCallback().retainReference();
    private static final SeekCallback SEEK = new SeekCallback().retainReference();

    private final byte[] bytes;
    private final Pointer token;
    private AVIOContext context;
    private long position;

    MemoryInput(byte[] bytes) {
        this.bytes = bytes;
        this.token = av_malloc(1);
        if (token == null || token.isNull()) {
            throw new OutOfMemoryError("av_malloc(1) failed");
        }
        OPEN.put(token.address(), this);
        Pointer buffer = av_malloc(BUFFER_SIZE);
        if (buffer == null || buffer.isNull()) {
            close();
            throw new OutOfMemoryError("av_malloc(" + BUFFER_SIZE + ") failed");
        }
        context = avio_alloc_context(new BytePointer(buffer), BUFFER_SIZE, 0, token, READ, null, SEEK);
        if (context == null || context.isNull()) {
            av_free(buffer);
            context = null;
            close();
            throw new OutOfMemoryError("avio_alloc_context failed");
        }
    }

    /** The I/O context to set as {@code AVFormatContext.pb} (with {@code AVFMT_FLAG_CUSTOM_IO}). */
    AVIOContext context() {
        return context;
    }

    @Override
    public void close() {
        if (context != null) {
            // FFmpeg may have replaced the buffer it was given: free the one it holds now.
            av_free(context.buffer());
            avio_context_free(context);
            context = null;
        }
        if (token != null && !token.isNull()) {
            OPEN.remove(token.address());
            av_free(token);
            token.setNull();
        }
    }

    private int read(BytePointer buf, int size) {
        long left = bytes.length - position;
        if (left <= 0) {
            return AVERROR_EOF;
        }
        int n = (int) Math.min(size, left);
        buf.position(0).put(bytes, (int) position, n);
        position += n;
        return n;
    }

    private long seek(long offset, int whence) {
        int how = whence & ~AVSEEK_FORCE;
        if (how == AVSEEK_SIZE) {
            return bytes.length;
        }
        long target;
        switch (how) {
            case SEEK_SET:
                target = offset;
                break;
            case SEEK_CUR:
                target = position + offset;
                break;
            case SEEK_END:
                target = bytes.length + offset;
                break;
            default:
                return -1;
        }
        if (target < 0 || target > bytes.length) {
            return -1;
        }
        position = target;
        return target;
    }

    private static final class ReadCallback extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buf, int size) {
            MemoryInput in = OPEN.get(opaque.address());
            return in == null ? AVERROR_EOF : in.read(buf, size);
        }
    }

    private static final class SeekCallback extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            MemoryInput in = OPEN.get(opaque.address());
            return in == null ? -1 : in.seek(offset, whence);
        }
    }
}
