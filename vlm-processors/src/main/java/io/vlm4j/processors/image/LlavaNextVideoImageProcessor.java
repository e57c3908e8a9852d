package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.processing.VideoProcessor;
import java.util.List;

/**
 * HF's {@code LlavaNextVideoImageProcessor}, LLaVA-NeXT-Video's video processor: CLIP's preprocessing
 * ({@link CLIPImageProcessor}) of every frame; {@code pixel_values_videos} {@code [videos, frames, 3, H, W]}.
 * {@code image_grid_pinpoints} is accepted and unused, as in HF.
 *
 * <p>Defaults as the class's (CLIP's: shortest edge 224, crop 224x224, bicubic, OpenAI CLIP mean and std).
 * Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next_video/image_processing_llava_next_video.py">image_processing_llava_next_video.py</a>
 */
public final class LlavaNextVideoImageProcessor implements VideoProcessor {
    private final FramePipeline pipeline;

    private LlavaNextVideoImageProcessor(FramePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static LlavaNextVideoImageProcessor fromConfig(ConfigNode config) {
        return new LlavaNextVideoImageProcessor(
                CLIPImageProcessor.clipPipeline("LlavaNextVideoImageProcessor", config));
    }

    @Override
    public ProcessedVideos preprocess(List<VideoFrames> videos) {
        return pipeline.videos(videos);
    }
}
