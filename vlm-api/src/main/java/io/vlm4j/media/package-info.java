/**
 * Media values: where media come from ({@link io.vlm4j.media.MediaSource}), decoded images
 * ({@link io.vlm4j.media.RgbImage}) and video frames ({@link io.vlm4j.media.VideoFrames}), how frames are
 * chosen ({@link io.vlm4j.media.FrameSampling}), and the decoders that produce them.
 */
package io.vlm4j.media;
