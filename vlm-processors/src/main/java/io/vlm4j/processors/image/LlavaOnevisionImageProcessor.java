package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processors.image.PreprocessorConfig.SizeDict;
import java.util.List;

/**
 * HF's {@code LlavaOnevisionImageProcessor}: anyres tiling ({@link AnyresPipeline}) with tiles of
 * {@code size["height"]} and a base image squashed to {@code size}, then every patch resized to exactly
 * {@code size} (a full tile is unchanged, a tile one row short is stretched), rescaled, normalized;
 * {@code pixel_values} {@code [n, max_patches, 3, H, W]}, {@code image_sizes} the original sizes.
 *
 * <p>Defaults as the class's: 384x384, the 36 pinpoints {@code [384 i, 384 j]} for i, j = 1..6, bicubic,
 * OpenAI CLIP mean and std (the checkpoints set 0.5), do_pad. {@code size} must have {@code height} and
 * {@code width} (HF reads {@code size["height"]} as the tile size); {@code do_pad: false} is refused as HF 4.46
 * fails on it. Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_onevision/image_processing_llava_onevision.py">image_processing_llava_onevision.py</a>
 */
public final class LlavaOnevisionImageProcessor implements ImageProcessor {
    /** The class default {@code image_grid_pinpoints}. */
    static final List<ImageSize> DEFAULT_PINPOINTS = PreprocessorConfig.grid(384, 6);

    private final AnyresPipeline pipeline;
    private final List<ImageSize> pinpoints;

    private LlavaOnevisionImageProcessor(AnyresPipeline pipeline, List<ImageSize> pinpoints) {
        this.pipeline = pipeline;
        this.pinpoints = pinpoints;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static LlavaOnevisionImageProcessor fromConfig(ConfigNode config) {
        boolean doResize = PreprocessorConfig.flag(config, "do_resize", true);
        SizeDict size = PreprocessorConfig.size(config, "size", SizeDict.heightWidth(384, 384), false);
        List<ImageSize> pinpoints = PreprocessorConfig.pinpoints(config, DEFAULT_PINPOINTS);
        PILImageResampling resample = PreprocessorConfig.resample(config, PILImageResampling.BICUBIC);
        LlavaNextImageProcessor.requirePad(config);
        if (!size.hasHeightWidth()) {
            throw ResizeCrop.sizeError(config, "size", "'height' and 'width' (the tile size is size[\"height\"])");
        }
        RescaleNormalize normalize = PreprocessorConfig.rescaleNormalize(config,
                PreprocessorConfig.OPENAI_CLIP_MEAN, PreprocessorConfig.OPENAI_CLIP_STD);
        ResizeCrop tile = ResizeCrop.fixed(doResize, size.height(), size.width(), resample);
        return new LlavaOnevisionImageProcessor(new AnyresPipeline("LlavaOnevisionImageProcessor", pinpoints,
                new ImageSize(size.height(), size.width()), size.height(), resample, tile, normalize), pinpoints);
    }

    /** The pinpoints in use ({@code image_grid_pinpoints}), height and width. */
    public List<ImageSize> imageGridPinpoints() {
        return pinpoints;
    }

    @Override
    public ProcessedImages preprocess(List<RgbImage> images) {
        return pipeline.images(images);
    }
}
