package io.vlm4j.models.llavaonevision;

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
import io.vlm4j.processors.image.LlavaOnevisionImageProcessor;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.text.Tokenizer;
import java.util.List;
import java.util.Optional;

/**
 * HF's {@code LlavaOnevisionProcessor}: an anyres image processor ({@code AutoImageProcessor}), a
 * {@code LlavaOnevisionVideoProcessor} and a tokenizer.
 *
 * <p>Each {@code <image>} expands to {@code num_image_tokens} (the base image) plus the anyres grid's features
 * after its padding rows or columns are removed (float formula) and one newline per row, the grid first reduced by
 * anyres_max_9 when {@code sqrt(rows * cols / (9 p^2)) > 1.1} ({@code p = sqrt(num_image_tokens)}); one less for
 * the {@code "default"} strategy. Each {@code <video>} expands to {@code frames * ceil(p / 2)^2 + 1} (bilinear
 * pooling, one newline per video), {@code frames} being the first video's, as HF's.
 *
 * <p>The video processor is built, as HF 4.46 builds it, from {@code video_processor/preprocessor_config.json}
 * when the checkpoint has that subfolder, else from {@code preprocessor_config.json}; 4.46 never reads
 * {@code video_preprocessor_config.json}.
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_onevision/processing_llava_onevision.py">processing_llava_onevision.py</a>
 */
public final class LlavaOnevisionProcessor extends AnyresProcessor {
    /** The file of a separately saved video processor, which HF 4.46 prefers. */
    public static final String VIDEO_PROCESSOR_CONFIG_FILE = "video_processor/" + PREPROCESSOR_CONFIG_FILE;
    /** The video processor class HF 4.46 names. */
    public static final String VIDEO_PROCESSOR_CLASS = "LlavaOnevisionVideoProcessor";
    /** The N of anyres_max_N that HF 4.46's processor hard-codes. */
    public static final int ANYRES_MAX_PATCHES = 9;

    private final int numImageTokens;

    private LlavaOnevisionProcessor(ProcessorContext context, Tokenizer tokenizer, ProcessorConfig config,
            ImageProcessor imageProcessor, VideoProcessor videoProcessor, List<ImageSize> imageGridPinpoints,
            int numImageTokens, String visionFeatureSelectStrategy) {
        super("LlavaOnevisionProcessor", context, tokenizer, config, imageProcessor, videoProcessor,
                imageGridPinpoints, visionFeatureSelectStrategy);
        this.numImageTokens = numImageTokens;
    }

    /**
     * The processor of a checkpoint ({@code LlavaOnevisionProcessor.from_pretrained}).
     *
     * @throws ConfigException naming the file and key of a missing or bad value
     */
    public static LlavaOnevisionProcessor fromPretrained(ProcessorContext context) {
        ProcessorConfig config = ProcessorConfig.read(context);
        int numImageTokens = config.requirePositiveInt("num_image_tokens");
        String strategy = config.visionFeatureSelectStrategy();
        ConfigNode preprocessor = preprocessorConfig(context);
        ImageProcessor images = context.imageProcessor(imageProcessorType(preprocessor), preprocessor);
        List<ImageSize> pinpoints = pinpoints(images, preprocessor);
        Optional<ConfigNode> separate = context.json(VIDEO_PROCESSOR_CONFIG_FILE);
        VideoProcessor videos = separate.isPresent()
                ? context.videoProcessor(imageProcessorType(separate.get()), separate.get())
                : context.videoProcessor(VIDEO_PROCESSOR_CLASS, preprocessor);
        return withTokenizer(context, tokenizer -> new LlavaOnevisionProcessor(context, tokenizer, config, images,
                videos, pinpoints, numImageTokens, strategy));
    }

    /** HF reads {@code self.image_processor.image_grid_pinpoints}: only anyres image processors have them. */
    static List<ImageSize> pinpoints(ImageProcessor images, ConfigNode preprocessor) {
        if (images instanceof LlavaOnevisionImageProcessor) {
            return ((LlavaOnevisionImageProcessor) images).imageGridPinpoints();
        }
        if (images instanceof LlavaNextImageProcessor) {
            return ((LlavaNextImageProcessor) images).imageGridPinpoints();
        }
        throw preprocessor.get("image_processor_type").invalid("the processor counts anyres tokens from the image"
                + " processor's image_grid_pinpoints, and " + images.getClass().getSimpleName() + " has none");
    }

    /** {@code num_image_tokens}: the features of one tile (a square). */
    public int numImageTokens() {
        return numImageTokens;
    }

    /** The features of the base image, {@code num_image_tokens}, plus its anyres grid's, newlines included. */
    @Override
    protected int imageFeatures(AnyresLayout layout) {
        return numImageTokens + layout.packed().area() + layout.newlineFeatures();
    }

    /** {@code frames * ceil(p / 2)^2 + 1}: bilinear pooling, one newline per video. */
    @Override
    protected int videoFeatures(ImageSize frame, int numFrames) {
        int pooled = (side() + 1) / 2;
        return numFrames * pooled * pooled + 1;
    }

    /** {@code p = sqrt(num_image_tokens)}: the features of a tile's side. */
    private int side() {
        return (int) Math.sqrt(numImageTokens);
    }

    /** {@code _get_number_of_features}' geometry: best pinpoint, tiles, unpadded grid, anyres_max_9. */
    @Override
    protected AnyresLayout layout(ImageSize original, ImageSize tile) {
        int side = side();
        ImageSize best = AnyResolution.selectBestResolution(original, imageGridPinpoints());
        Grid tiles = new Grid(best.height() / tile.height(), best.width() / tile.width());
        AnyResolution.Grid current = new AnyResolution.Grid(side * tiles.rows(), side * tiles.cols());
        AnyResolution.Grid unpadded = AnyResolution.unpaddedGrid(original, current);
        AnyResolution.Grid packed = AnyResolution.anyresMax(unpadded, side, ANYRES_MAX_PATCHES);
        return new AnyresLayout(best, tiles, new Grid(side, side), grid(unpadded), grid(packed));
    }

    private static Grid grid(AnyResolution.Grid g) {
        return new Grid(g.rows(), g.cols());
    }
}
