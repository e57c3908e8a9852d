package io.vlm4j.models.llavanextvideo;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.models.llavanext.AnyresProcessor;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.processing.AnyresLayout;
import io.vlm4j.processing.Grid;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.processors.image.AnyResolution;
import io.vlm4j.processors.image.LlavaNextImageProcessor;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.text.Tokenizer;
import java.util.List;

/**
 * HF's {@code LlavaNextVideoProcessor}: a {@code LlavaNextImageProcessor} (anyres), a
 * {@code LlavaNextVideoImageProcessor} (both from {@code preprocessor_config.json}) and a tokenizer.
 *
 * <p>Each {@code <image>} expands to {@code p_h * p_w + 1} (the base image with its CLS feature, {@code p = tile /
 * patch_size}) plus the anyres grid's features after its padding rows or columns are removed and one newline per
 * row, one less for the {@code "default"} strategy. The padding is removed with the <em>processor's</em> integer
 * formula ({@code h * W // w}); HF's model uses floats, and the two disagree for a few sizes (golden-processor
 * README, "Things found on the way" 2), where HF's model raises — the count here is the processor's. Each
 * {@code <video>} expands to {@code (H / p) * (W / p) / 4 * frames} (2x2 average pooling, no newline), the frames
 * being the first video's, as HF's.
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next_video/processing_llava_next_video.py">processing_llava_next_video.py</a>
 */
public final class LlavaNextVideoProcessor extends AnyresProcessor {
    /** The image processor class HF 4.46 names. */
    public static final String IMAGE_PROCESSOR_CLASS = "LlavaNextImageProcessor";
    /** The video processor class HF 4.46 names. */
    public static final String VIDEO_PROCESSOR_CLASS = "LlavaNextVideoImageProcessor";

    private final int patchSize;

    private LlavaNextVideoProcessor(ProcessorContext context, Tokenizer tokenizer, ProcessorConfig config,
            ImageProcessor imageProcessor, VideoProcessor videoProcessor, List<ImageSize> imageGridPinpoints,
            int patchSize, String visionFeatureSelectStrategy) {
        super("LlavaNextVideoProcessor", context, tokenizer, config, imageProcessor, videoProcessor,
                imageGridPinpoints, visionFeatureSelectStrategy);
        this.patchSize = patchSize;
    }

    /**
     * The processor of a checkpoint ({@code LlavaNextVideoProcessor.from_pretrained}).
     *
     * @throws ConfigException naming the file and key of a missing or bad value
     */
    public static LlavaNextVideoProcessor fromPretrained(ProcessorContext context) {
        ProcessorConfig config = ProcessorConfig.read(context);
        int patchSize = config.requirePositiveInt("patch_size");
        String strategy = config.visionFeatureSelectStrategy();
        ConfigNode preprocessor = preprocessorConfig(context);
        ImageProcessor images = context.imageProcessor(IMAGE_PROCESSOR_CLASS, preprocessor);
        if (!(images instanceof LlavaNextImageProcessor)) {
            throw new ConfigException(context.checkpoint() + ": the " + IMAGE_PROCESSOR_CLASS + " factory built a "
                    + images.getClass().getName() + ", which has no image_grid_pinpoints to count anyres tokens");
        }
        List<ImageSize> pinpoints = ((LlavaNextImageProcessor) images).imageGridPinpoints();
        VideoProcessor videos = context.videoProcessor(VIDEO_PROCESSOR_CLASS, preprocessor);
        return withTokenizer(context, tokenizer -> new LlavaNextVideoProcessor(context, tokenizer, config, images,
                videos, pinpoints, patchSize, strategy));
    }

    /** {@code patch_size}. */
    public int patchSize() {
        return patchSize;
    }

    /** The base image's {@code p_h * p_w + 1} features (CLS included) plus its unpadded grid's, newlines included. */
    @Override
    protected int imageFeatures(AnyresLayout layout) {
        Grid base = layout.tileFeatures();
        return layout.unpadded().area() + layout.newlineFeatures() + base.area() + 1;
    }

    /** {@code (H / p) * (W / p) / 4 * frames}: 2x2 average pooling, no newline. */
    @Override
    protected int videoFeatures(ImageSize frame, int numFrames) {
        int numImageTokens = (frame.height() / patchSize) * (frame.width() / patchSize);
        return numImageTokens / 4 * numFrames;
    }

    /** {@code _get_number_of_features}' geometry: best pinpoint, tiles, the integer-formula unpadded grid. */
    @Override
    protected AnyresLayout layout(ImageSize original, ImageSize tile) {
        ImageSize best = AnyResolution.selectBestResolution(original, imageGridPinpoints());
        Grid tiles = new Grid(best.height() / tile.height(), best.width() / tile.width());
        Grid features = new Grid(tile.height() / patchSize, tile.width() / patchSize);
        AnyResolution.Grid current = new AnyResolution.Grid(features.rows() * tiles.rows(),
                features.cols() * tiles.cols());
        AnyResolution.Grid unpadded = AnyResolution.unpaddedGridIntegerFormula(original, current);
        Grid grid = new Grid(unpadded.rows(), unpadded.cols());
        return new AnyresLayout(best, tiles, features, grid, grid);
    }
}
