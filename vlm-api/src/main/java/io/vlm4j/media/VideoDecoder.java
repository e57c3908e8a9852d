package io.vlm4j.media;

/**
 * An open video: its metadata, and its frames at chosen indices, decoded to RGB.
 *
 * <p>One per caller: not thread-safe. Holds native resources: close it ({@link #close()} is idempotent).
 */
public interface VideoDecoder extends AutoCloseable {
    /** The video's metadata, with the frame count established. */
    VideoMetadata metadata();

    /**
     * The frame indices {@code sampling} selects in this video, as HF computes them.
     *
     * @throws io.vlm4j.VlmException of kind usage if the sampling asks for more frames than the video has
     */
    int[] indices(FrameSampling sampling);

    /** Decodes the frames {@code sampling} selects, in order. */
    VideoFrames decode(FrameSampling sampling);

    /** Decodes the frames {@code sampling} selects and hands each to {@code sink} as soon as it is ready. */
    void decode(FrameSampling sampling, FrameSink sink);

    /** Frees the native resources. Idempotent. */
    @Override
    void close();

    /** Receives decoded frames one at a time. */
    @FunctionalInterface
    interface FrameSink {
        /**
         * One frame.
         *
         * @param index its frame index in the video
         * @param timestampSeconds its presentation time
         * @param frame its pixels (the sink may keep it)
         */
        void accept(int index, double timestampSeconds, RgbImage frame);
    }
}
