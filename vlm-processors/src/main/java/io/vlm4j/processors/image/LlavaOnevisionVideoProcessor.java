package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.processors.image.PreprocessorConfig.SizeDict;
import java.util.List;

/**
 * HF's {@code LlavaOnevisionVideoProcessor}: every frame resized to exactly {@code size} (height and width, or a
 * square of {@code shortest_edge}), rescaled, normalized; {@code pixel_values_videos}
 * {@code [videos, frames, 3, H, W]}.
 *
 * <p>Defaults as the class's: 384x384, bicubic, rescale 1/255, OpenAI CLIP mean and std (the checkpoints set 0.5).
 * Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_onevision/video_processing_llava_onevision.py">video_processing_llava_onevision.py</a>
 */
public final class LlavaOnevisionVideoProcessor implements VideoProcessor {
    private final FramePipeline pipeline;

    private LlavaOnevisionVideoProcessor(FramePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static LlavaOnevisionVideoProcessor fromConfig(ConfigNode config) {
        boolean doResize = PreprocessorConfig.flag(config, "do_resize", true);
        SizeDict size = PreprocessorConfig.size(config, "size", SizeDict.heightWidth(384, 384), false);
        if (doResize && !size.hasHeightWidth() && !size.hasShortestEdge()) {
            throw ResizeCrop.sizeError(config, "size", "'height' and 'width', or 'shortest_edge'");
        }
        int height = size.hasHeightWidth() ? size.height() : size.shortestEdge();
        int width = size.hasHeightWidth() ? size.width() : size.shortestEdge();
        PILImageResampling resample = PreprocessorConfig.resample(config, PILImageResampling.BICUBIC);
        RescaleNormalize normalize = PreprocessorConfig.rescaleNormalize(config,
                PreprocessorConfig.OPENAI_CLIP_MEAN, PreprocessorConfig.OPENAI_CLIP_STD);
        return new LlavaOnevisionVideoProcessor(new FramePipeline("LlavaOnevisionVideoProcessor",
                ResizeCrop.fixed(doResize, height, width, resample), normalize));
    }

    @Override
    public ProcessedVideos preprocess(List<VideoFrames> videos) {
        return pipeline.videos(videos);
    }
}
