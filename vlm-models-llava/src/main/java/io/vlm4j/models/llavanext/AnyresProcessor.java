package io.vlm4j.models.llavanext;

import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.models.processing.MediaExpansion;
import io.vlm4j.models.processing.ProcessedMedia;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.models.processing.ProcessorMixin;
import io.vlm4j.processing.AnyresLayout;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the anyres families' processors share, as HF's {@code LlavaNextVideoProcessor} and
 * {@code LlavaOnevisionProcessor} both have it from {@code LlavaNextProcessor}: an anyres image processor, a video
 * processor and a tokenizer; {@code pixel_values} and {@code image_sizes} for the images, each {@code <image>}
 * expanded to {@code _get_number_of_features} of its anyres layout (one less for the {@code "default"} strategy);
 * {@code pixel_values_videos} for the videos, every {@code <video>} expanded alike, by the first video's frame
 * count, as HF's. A family gives the layout ({@link #layout}) and the two counts ({@link #imageFeatures},
 * {@link #videoFeatures}).
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next/processing_llava_next.py">processing_llava_next.py</a>
 */
public abstract class AnyresProcessor extends ProcessorMixin {
    private final ImageProcessor imageProcessor;
    private final VideoProcessor videoProcessor;
    private final List<ImageSize> imageGridPinpoints;
    private final String visionFeatureSelectStrategy;

    /**
     * A processor over an open tokenizer (which it then owns), with a {@code <video>} placeholder.
     *
     * @param processorClass HF's class name, for messages ({@code LlavaOnevisionProcessor})
     * @param imageGridPinpoints the image processor's {@code image_grid_pinpoints}
     * @param visionFeatureSelectStrategy the processor's {@code vision_feature_select_strategy}
     */
    protected AnyresProcessor(String processorClass, ProcessorContext context, Tokenizer tokenizer,
            ProcessorConfig config, ImageProcessor imageProcessor, VideoProcessor videoProcessor,
            List<ImageSize> imageGridPinpoints, String visionFeatureSelectStrategy) {
        super(processorClass, context, tokenizer, config, true);
        this.imageProcessor = Objects.requireNonNull(imageProcessor, "imageProcessor");
        this.videoProcessor = Objects.requireNonNull(videoProcessor, "videoProcessor");
        this.imageGridPinpoints = List.copyOf(imageGridPinpoints);
        this.visionFeatureSelectStrategy = visionFeatureSelectStrategy;
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
    protected final ProcessedMedia processMedia(List<RgbImage> images, List<VideoFrames> videos) {
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
                int tokens = imageFeatures(layout) - strategyAdjustment(visionFeatureSelectStrategy);
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
            int tokens = videoFeatures(frame, numFrames);
            for (VideoFrames v : videos) {
                videoItems.add(MediaExpansion.video(new ImageSize(v.height(), v.width()), frame, numFrames, tokens));
            }
            tensors.put(BatchFeature.PIXEL_VALUES_VIDEOS, pixels);
        }
        return new ProcessedMedia(tensors, imageItems, videoItems);
    }

    /**
     * {@code _get_number_of_features}' geometry of one image: best pinpoint, tiles, the unpadded (and, for a family
     * that reduces it, packed) feature grid.
     *
     * @param original the image's size before processing
     * @param tile the processed size of each patch
     */
    protected abstract AnyresLayout layout(ImageSize original, ImageSize tile);

    /** The features of one image of {@code layout}, base tile and newlines included, for the {@code "full"} strategy. */
    protected abstract int imageFeatures(AnyresLayout layout);

    /** The placeholder tokens of one video of {@code numFrames} frames of {@code frame} size. */
    protected abstract int videoFeatures(ImageSize frame, int numFrames);
}
