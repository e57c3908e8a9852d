package io.vlm4j.video;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_get_media_type_string;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * An open container (FFmpeg {@code AVFormatContext}) with its first video stream chosen and every other stream
 * discarded, so that reading returns that stream's packets only.
 *
 * <p>The first video stream is PyAV's {@code container.streams.video[0]}, except that attached pictures (cover
 * art) are passed over. Local files are opened through FFmpeg's {@code file} protocol alone, bytes through
 * {@link MemoryInput} with no protocol at all, so a crafted playlist cannot make FFmpeg open anything else.
 *
 * <p>One per thread; not thread-safe. {@link #close()} frees everything and is idempotent.
 */
final class Demuxer implements AutoCloseable {
    private AVFormatContext context;
    private MemoryInput memory;
    private final int streamIndex;

    private Demuxer(AVFormatContext context, MemoryInput memory, int streamIndex) {
        this.context = context;
        this.memory = memory;
        this.streamIndex = streamIndex;
    }

    /**
     * Opens {@code input}, reads its stream info and chooses its first video stream. A video stream whose header
     * states more than {@code maxPixels} pixels a frame is refused before any frame is decoded.
     *
     * @throws MediaFailure if it is not a readable container or holds no video stream
     */
    static Demuxer open(MediaInput input, long maxPixels) {
        Ffmpeg.load();
        AVFormatContext fc = avformat_alloc_context();
        if (fc == null || fc.isNull()) {
            throw new OutOfMemoryError("avformat_alloc_context failed");
        }
        MemoryInput memory = null;
        AVDictionary options = new AVDictionary(null);
        String url;
        try {
            if (input.file() != null) {
                url = "file:" + input.file().toAbsolutePath();
                av_dict_set(options, "protocol_whitelist", "file", 0);
            } else {
                memory = new MemoryInput(input.bytes());
                fc.pb(memory.context());
                fc.flags(fc.flags() | Ffmpeg.AVFMT_FLAG_CUSTOM_IO);
                url = "";
                av_dict_set(options, "protocol_whitelist", "none", 0);
            }
        } catch (RuntimeException | Error e) {
            av_dict_free(options);
            avformat_free_context(fc);
            if (memory != null) {
                memory.close();
            }
            throw e;
        }
        int r;
        try (BytePointer name = new BytePointer(url, StandardCharsets.UTF_8)) {
            r = avformat_open_input(fc, name, null, options);
        } finally {
            av_dict_free(options);
        }
        if (r < 0) {
            // avformat_open_input frees a context it fails to open, but never a custom I/O context
            if (memory != null) {
                memory.close();
            }
            throw new MediaFailure(r == AVERROR_EOF
                    ? "it ends before its first frame (" + Ffmpeg.error(r) + "): empty or truncated"
                    : "not a media file FFmpeg can read (" + Ffmpeg.error(r) + ")");
        }
        try {
            // before reading stream info, which decodes frames: a header may promise frames too large to allocate
            for (int i = 0; i < fc.nb_streams(); i++) {
                AVCodecParameters par = fc.streams(i).codecpar();
                if (par.codec_type() == AVMEDIA_TYPE_VIDEO && (long) par.width() * par.height() > maxPixels) {
                    throw new MediaFailure("its frames are " + par.width() + "x" + par.height()
                            + ", over the limit of " + maxPixels + " pixels");
                }
            }
            // the decoders that stream info opens must refuse oversized frames too (images state no size before)
            int streams = fc.nb_streams();
            PointerPointer<AVDictionary> perStream = new PointerPointer<>(Math.max(1, streams));
            try {
                for (int i = 0; i < streams; i++) {
                    AVDictionary d = new AVDictionary(null);
                    av_dict_set(d, "max_pixels", Long.toString(maxPixels), 0);
                    perStream.put(i, d);
                }
                r = avformat_find_stream_info(fc, perStream);
            } finally {
                for (int i = 0; i < streams; i++) {
                    AVDictionary d = new AVDictionary(perStream.get(i));
                    av_dict_free(d);
                }
                perStream.close();
            }
            if (r < 0) {
                throw new MediaFailure("cannot read the stream info (" + Ffmpeg.error(r) + ")");
            }
            int chosen = -1;
            List<String> found = new ArrayList<>();
            for (int i = 0; i < fc.nb_streams(); i++) {
                AVStream st = fc.streams(i);
                AVCodecParameters par = st.codecpar();
                boolean cover = (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0;
                if (chosen < 0 && par.codec_type() == AVMEDIA_TYPE_VIDEO && !cover) {
                    chosen = i;
                } else {
                    BytePointer type = av_get_media_type_string(par.codec_type());
                    found.add((type == null || type.isNull() ? "data" : type.getString())
                            + " (" + avcodec.avcodec_get_name(par.codec_id()).getString() + (cover ? ", cover art" : "")
                            + ")");
                }
            }
            if (chosen < 0) {
                throw new MediaFailure("no video stream" + (found.isEmpty() ? "" : " (it holds " + String.join(", ",
                        found) + ")"));
            }
            for (int i = 0; i < fc.nb_streams(); i++) {
                if (i != chosen) {
                    fc.streams(i).discard(avcodec.AVDISCARD_ALL);
                }
            }
            return new Demuxer(fc, memory, chosen);
        } catch (RuntimeException | Error e) {
            avformat_close_input(fc);
            if (memory != null) {
                memory.close();
            }
            throw e;
        }
    }

    AVFormatContext context() {
        return context;
    }

    AVStream stream() {
        return context.streams(streamIndex);
    }

    int streamIndex() {
        return streamIndex;
    }

    /** The demuxer's short name ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm}). */
    String formatName() {
        return context.iformat().name().getString();
    }

    /**
     * Reads the next packet of the chosen stream into {@code packet} (unreferenced first).
     *
     * @return 0, or a negative FFmpeg error ({@code AVERROR_EOF} at the end)
     */
    int read(AVPacket packet) {
        while (true) {
            av_packet_unref(packet);
            int r = av_read_frame(context, packet);
            if (r < 0 || packet.stream_index() == streamIndex) {
                return r;
            }
        }
    }

    /** Seeks the chosen stream to the keyframe at or before {@code timestamp} (stream time base). */
    int seek(long timestamp) {
        return av_seek_frame(context, streamIndex, timestamp, AVSEEK_FLAG_BACKWARD);
    }

    @Override
    public void close() {
        if (context != null) {
            avformat_close_input(context);
            context = null;
        }
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }
}
