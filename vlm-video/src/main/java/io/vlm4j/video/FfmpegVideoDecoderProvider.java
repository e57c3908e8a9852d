package io.vlm4j.video;

import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoDecoder;
import io.vlm4j.spi.VideoDecoderProvider;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code ffmpeg} video decoder: {@link FfmpegVideoDecoder} for videos, {@link FfmpegImageDecoder} for still
 * images, on the FFmpeg natives of JavaCV's {@code org.bytedeco:ffmpeg}. Discovery loads no natives; they load on
 * the first {@link #open} or {@link #decodeImage}.
 *
 * <p>Thread-safe.
 */
public final class FfmpegVideoDecoderProvider implements VideoDecoderProvider {
    /** The id of this provider. */
    public static final String ID = "ffmpeg";

    @Override
    public Set<String> ids() {
        return Set.of(ID);
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public VideoDecoder open(MediaSource source) {
        return FfmpegVideoDecoder.open(source);
    }

    @Override
    public RgbImage decodeImage(MediaSource source) {
        return FfmpegImageDecoder.decode(source);
    }
}
