package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processors.image.PreprocessorConfig.SizeDict;
import java.util.List;

/**
 * HF's {@code SiglipImageProcessor}: resize to exactly {@code size} (no aspect ratio kept, no crop), rescale,
 * normalize; {@code pixel_values} {@code [n, 3, height, width]}. LLaVA-Interleave uses it for its images and for
 * the frames of its videos (each frame is one image).
 *
 * <p>Defaults as the class's: size 224x224, bicubic, rescale 1/255, mean = std = 0.5. {@code do_convert_rgb}
 * changes nothing here: the input is RGB already. Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/siglip/image_processing_siglip.py">image_processing_siglip.py</a>
 */
public final class SiglipImageProcessor implements ImageProcessor {
    private final FramePipeline pipeline;

    private SiglipImageProcessor(FramePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static SiglipImageProcessor fromConfig(ConfigNode config) {
        boolean doResize = PreprocessorConfig.flag(config, "do_resize", true);
        SizeDict size = PreprocessorConfig.size(config, "size", SizeDict.heightWidth(224, 224), false);
        if (doResize && !size.hasHeightWidth()) {
            throw ResizeCrop.sizeError(config, "size", "'height' and 'width'");
        }
        PILImageResampling resample = PreprocessorConfig.resample(config, PILImageResampling.BICUBIC);
        RescaleNormalize normalize = PreprocessorConfig.rescaleNormalize(config,
                PreprocessorConfig.IMAGENET_STANDARD_MEAN, PreprocessorConfig.IMAGENET_STANDARD_STD);
        ResizeCrop transform = ResizeCrop.fixed(doResize, size.height(), size.width(), resample);
        return new SiglipImageProcessor(new FramePipeline("SiglipImageProcessor", transform, normalize));
    }

    @Override
    public ProcessedImages preprocess(List<RgbImage> images) {
        return pipeline.images(images);
    }
}
