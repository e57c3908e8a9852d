package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processors.image.PreprocessorConfig.SizeDict;
import java.util.List;

/**
 * HF's {@code LlavaNextImageProcessor} (LLaVA-NeXT and LLaVA-NeXT-Video images): anyres tiling
 * ({@link AnyresPipeline}) with tiles of {@code crop_size["height"]} and a base image squashed to
 * {@code shortest_edge} square, then CLIP's preprocessing of every patch ({@link CLIPImageProcessor}: a full tile
 * passes the resize and crop unchanged, a tile one row short is resized and cropped back);
 * {@code pixel_values} {@code [n, max_patches, 3, H, W]}, {@code image_sizes} the original sizes.
 *
 * <p>Defaults as the class's: shortest edge 224, crop 224x224, pinpoints
 * {@code [[336,672],[672,336],[672,672],[1008,336],[336,1008]]}, bicubic, OpenAI CLIP mean and std, do_pad.
 * {@code do_pad: false} is refused: HF 4.46's {@code preprocess} then fails ({@code processed_images} is never
 * assigned). Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next/image_processing_llava_next.py">image_processing_llava_next.py</a>
 */
public final class LlavaNextImageProcessor implements ImageProcessor {
    /** The class default {@code image_grid_pinpoints}. */
    static final List<ImageSize> DEFAULT_PINPOINTS = List.of(new ImageSize(336, 672), new ImageSize(672, 336),
            new ImageSize(672, 672), new ImageSize(1008, 336), new ImageSize(336, 1008));

    private final AnyresPipeline pipeline;
    private final List<ImageSize> pinpoints;

    private LlavaNextImageProcessor(AnyresPipeline pipeline, List<ImageSize> pinpoints) {
        this.pipeline = pipeline;
        this.pinpoints = pinpoints;
    }

    /**
     * From a preprocessor config.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    public static LlavaNextImageProcessor fromConfig(ConfigNode config) {
        SizeDict size = PreprocessorConfig.size(config, "size", SizeDict.shortestEdge(224), false);
        SizeDict crop = PreprocessorConfig.size(config, "crop_size", SizeDict.heightWidth(224, 224), true);
        List<ImageSize> pinpoints = PreprocessorConfig.pinpoints(config, DEFAULT_PINPOINTS);
        PILImageResampling resample = PreprocessorConfig.resample(config, PILImageResampling.BICUBIC);
        requirePad(config);
        if (!size.hasShortestEdge() && !size.hasHeightWidth()) {
            throw ResizeCrop.sizeError(config, "size", "'shortest_edge' or 'height' and 'width'");
        }
        if (crop.height() == SizeDict.ABSENT) {
            throw ResizeCrop.sizeError(config, "crop_size", "'height' (the tile size)");
        }
        int base = size.hasShortestEdge() ? size.shortestEdge() : Math.min(size.height(), size.width());
        ResizeCrop tile = CLIPImageProcessor.clipTransform(config);
        RescaleNormalize normalize = PreprocessorConfig.rescaleNormalize(config,
                PreprocessorConfig.OPENAI_CLIP_MEAN, PreprocessorConfig.OPENAI_CLIP_STD);
        return new LlavaNextImageProcessor(new AnyresPipeline("LlavaNextImageProcessor", pinpoints,
                new ImageSize(base, base), crop.height(), resample, tile, normalize), pinpoints);
    }

    static void requirePad(ConfigNode config) {
        if (!PreprocessorConfig.flag(config, "do_pad", true)) {
            throw config.get("do_pad").error("true (with do_pad false, HF 4.46's preprocess fails: it never"
                    + " assigns processed_images)");
        }
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
