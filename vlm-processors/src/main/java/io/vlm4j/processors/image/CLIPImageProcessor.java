package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ProcessedImages;
import java.util.List;

/**
 * HF's {@code CLIPImageProcessor}: resize the shortest edge to {@code size["shortest_edge"]} keeping the aspect
 * ratio (or to {@code size}'s height and width), centre-crop to {@code crop_size} (zero padding where the image is
 * smaller), rescale, normalize; {@code pixel_values} {@code [n, 3, crop_height, crop_width]}.
 *
 * <p>Defaults as the class's: shortest edge 224, crop 224x224, bicubic, rescale 1/255, OpenAI CLIP mean and std.
 * Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/image_processing_clip.py">image_processing_clip.py</a>
 */
public final class CLIPImageProcessor implements ImageProcessor {
    private final FramePipeline pipeline;

    private CLIPImageProcessor(FramePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static CLIPImageProcessor fromConfig(ConfigNode config) {
        return new CLIPImageProcessor(clipPipeline("CLIPImageProcessor", config));
    }

    /** The CLIP pipeline as CLIP, Video-LLaVA and NeXT-Video's video processor configure it. */
    static FramePipeline clipPipeline(String processor, ConfigNode config) {
        return new FramePipeline(processor, clipTransform(config), PreprocessorConfig.rescaleNormalize(config,
                PreprocessorConfig.OPENAI_CLIP_MEAN, PreprocessorConfig.OPENAI_CLIP_STD));
    }

    /** CLIP's resize and centre crop with the class defaults. */
    static ResizeCrop clipTransform(ConfigNode config) {
        boolean doResize = PreprocessorConfig.flag(config, "do_resize", true);
        PreprocessorConfig.SizeDict size = PreprocessorConfig.size(config, "size",
                PreprocessorConfig.SizeDict.shortestEdge(224), false);
        PILImageResampling resample = PreprocessorConfig.resample(config, PILImageResampling.BICUBIC);
        boolean doCenterCrop = PreprocessorConfig.flag(config, "do_center_crop", true);
        PreprocessorConfig.SizeDict crop = PreprocessorConfig.size(config, "crop_size",
                PreprocessorConfig.SizeDict.heightWidth(224, 224), true);
        return ResizeCrop.clip(config, doResize, size, resample, doCenterCrop, crop);
    }

    @Override
    public ProcessedImages preprocess(List<RgbImage> images) {
        return pipeline.images(images);
    }
}
