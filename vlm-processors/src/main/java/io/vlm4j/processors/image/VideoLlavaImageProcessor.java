package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.processing.VideoProcessor;
import java.util.List;

/**
 * HF's {@code VideoLlavaImageProcessor}, one object for images and videos: CLIP's preprocessing
 * ({@link CLIPImageProcessor}) of every image ({@code pixel_values_images} {@code [n, 3, H, W]}) and of every frame
 * ({@code pixel_values_videos} {@code [videos, frames, 3, H, W]}). Java cannot implement both
 * {@code preprocess(List)} signatures in one class: this is the {@link ImageProcessor}, and
 * {@link #videoProcessor()} is the same object seen as the {@link VideoProcessor} (what the video factory gives).
 *
 * <p>Defaults as the class's (CLIP's: shortest edge 224, crop 224x224, bicubic, OpenAI CLIP mean and std).
 * Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/video_llava/image_processing_video_llava.py">image_processing_video_llava.py</a>
 */
public final class VideoLlavaImageProcessor implements ImageProcessor {
    private final FramePipeline pipeline;

    private VideoLlavaImageProcessor(FramePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static VideoLlavaImageProcessor fromConfig(ConfigNode config) {
        return new VideoLlavaImageProcessor(CLIPImageProcessor.clipPipeline("VideoLlavaImageProcessor", config));
    }

    /** {@code pixel_values_images}. */
    @Override
    public ProcessedImages preprocess(List<RgbImage> images) {
        return pipeline.images(images);
    }

    /** {@code pixel_values_videos}. */
    public ProcessedVideos preprocessVideos(List<VideoFrames> videos) {
        return pipeline.videos(videos);
    }

    /** This processor's video side. */
    public VideoProcessor videoProcessor() {
        return this::preprocessVideos;
    }
}
