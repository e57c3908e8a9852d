package io.vlm4j.video;

import io.vlm4j.ImageDecodeException;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;

/** Still images to RGB as PIL's {@code convert("RGB")}. */
public final class FfmpegImageDecoder {
    private FfmpegImageDecoder() {}

    public static RgbImage decode(MediaSource source) {
        throw new ImageDecodeException(source.describe() + ": not yet");
    }
}
