package io.vlm4j.models.llavanextvideo;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.models.processing.MediaExpansion;
import io.vlm4j.models.processing.ProcessedMedia;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.models.processing.ProcessorMixin;
import io.vlm4j.processing.AnyresLayout;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.Grid;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.processors.image.AnyResolution;
import io.vlm4j.processors.image.LlavaNextImageProcessor;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class LlavaNextVideoProcessor extends ProcessorMixin {
    /** The image processor class HF 4.46 names. */
    public static final String IMAGE_PROCESSOR_CLASS = "LlavaNextImageProcessor";
    /** The video processor class HF 4.46 names. */
    public static final String VIDEO_PROCESSOR_CLASS = "LlavaNextVideoImageProcessor";

    private final ImageProcessor imageProcessor;
    private final VideoProcessor videoProcessor;
    private final List<ImageSize> imageGridPinpoints;
    private final int patchSize;
    private final String visionFeatureSelectStrategy;

    private LlavaNextVideoProcessor(ProcessorContext context, Tokenizer tokenizer, ProcessorConfig config,
            ImageProcessor imageProcessor, VideoProcessor videoProcessor, List<ImageSize> imageGridPinpoints,
            int patchSize, String visionFeatureSelectStrategy) {
        super("LlavaNextVideoProcessor", context, tokenizer, config, true);
        this.imageProcessor = imageProcessor;
        this.videoProcessor = videoProcessor;
        this.imageGridPinpoints = List.copyOf(imageGridPinpoints);
        this.patchSize = patchSize;
        this.visionFeatureSelectStrategy = visionFeatureSelectStrategy;
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

    /** {@code vision_feature_select_strategy} of the processor. */
    public String visionFeatureSelectStrategy() {
        return visionFeatureSelectStrategy;
    }

    /** The image processor's {@code image_grid_pinpoints}, height and width. */
    public List<ImageSize> imageGridPinpoints() {
        return imageGridPinpoints;
    }

    @Override
    protected ProcessedMedia processMedia(List<RgbImage> images, List<VideoFrames> videos) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        List<MediaExpansion> imageItems = new ArrayList<>();
        List<MediaExpansion> videoItems = new ArrayList<>();
        if (!images.isEmpty()) {
            ProcessedImages processed = imageProcessor.preprocess(images);
            ImageSize tile = lastTwoDims(processed.pixelValues());
            int[] patches = processed.patchesPerImage();
            for (int i = 0; i < images.size(); i++) {
                ImageSize original = processed.imageSizes().get(i);
                AnyresLayout layout = layout(original, tile);
                Grid base = layout.tileFeatures();
                int tokens = layout.unpadded().area() + layout.newlineFeatures() + base.area() + 1
                        - strategyAdjustment(visionFeatureSelectStrategy);
                imageItems.add(new MediaExpansion(original, tile, patches[i], 1, layout, tokens));
            }
            tensors.put(BatchFeature.PIXEL_VALUES, processed.pixelValues());
            tensors.put(BatchFeature.IMAGE_SIZES, imageSizesTensor(processed.imageSizes()));
        }
        if (!videos.isEmpty()) {
            ProcessedVideos processed = videoProcessor.preprocess(videos);
            HostTensor pixels = processed.pixelValuesVideos();
            ImageSize frame = lastTwoDims(pixels);
            int numFrames = pixels.dim(1);
            int numImageTokens = (frame.height() / patchSize) * (frame.width() / patchSize);
            int tokens = numImageTokens / 4 * numFrames;
            for (VideoFrames v : videos) {
                videoItems.add(MediaExpansion.video(new ImageSize(v.height(), v.width()), frame, numFrames, tokens));
            }
            tensors.put(BatchFeature.PIXEL_VALUES_VIDEOS, pixels);
        }
        return new ProcessedMedia(tensors, imageItems, videoItems);
    }

    /** {@code _get_number_of_features}' geometry: best pinpoint, tiles, the integer-formula unpadded grid. */
    private AnyresLayout layout(ImageSize original, ImageSize tile) {
        ImageSize best = AnyResolution.selectBestResolution(original, imageGridPinpoints);
        Grid tiles = new Grid(best.height() / tile.height(), best.width() / tile.width());
        Grid features = new Grid(tile.height() / patchSize, tile.width() / patchSize);
        AnyResolution.Grid current = new AnyResolution.Grid(features.rows() * tiles.rows(),
                features.cols() * tiles.cols());
        AnyResolution.Grid unpadded = AnyResolution.unpaddedGridIntegerFormula(original, current);
        Grid grid = new Grid(unpadded.rows(), unpadded.cols());
        return new AnyresLayout(best, tiles, features, grid, grid);
    }
}
