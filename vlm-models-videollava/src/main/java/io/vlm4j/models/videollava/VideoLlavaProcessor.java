package io.vlm4j.models.videollava;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.models.processing.MediaExpansion;
import io.vlm4j.models.processing.ProcessedMedia;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.models.processing.ProcessorMixin;
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

/**
 * HF's {@code VideoLlavaProcessor}: one {@code VideoLlavaImageProcessor} for images
 * ({@code pixel_values_images}) and videos ({@code pixel_values_videos}), and a tokenizer.
 *
 * <p>Each {@code <image>} expands to {@code (H / patch_size) * (W / patch_size) + 1} tokens, one less for the
 * {@code "default"} strategy (the image tower's CLS feature dropped); each {@code <video>} to
 * {@code frames * ((H / patch_size) * (W / patch_size) + 1)}: video frames keep their CLS feature whatever the
 * strategy, and the frames are the first video's, as HF's. The pixel tensors come before {@code input_ids}, as in
 * HF's output.
 *
 * <p>HF 4.46 fails on a prompt without media ({@code encoded_images} is unbound); here it is tokenized alone.
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/video_llava/processing_video_llava.py">processing_video_llava.py</a>
 */
public final class VideoLlavaProcessor extends ProcessorMixin {
    /** The image processor class HF 4.46 names (it processes the videos too). */
    public static final String IMAGE_PROCESSOR_CLASS = "VideoLlavaImageProcessor";

    private final ImageProcessor imageProcessor;
    private final VideoProcessor videoProcessor;
    private final int patchSize;
    private final String visionFeatureSelectStrategy;

    private VideoLlavaProcessor(ProcessorContext context, Tokenizer tokenizer, ProcessorConfig config,
            ImageProcessor imageProcessor, VideoProcessor videoProcessor, int patchSize,
            String visionFeatureSelectStrategy) {
        super("VideoLlavaProcessor", context, tokenizer, config, true);
        this.imageProcessor = imageProcessor;
        this.videoProcessor = videoProcessor;
        this.patchSize = patchSize;
        this.visionFeatureSelectStrategy = visionFeatureSelectStrategy;
    }

    /**
     * The processor of a checkpoint ({@code VideoLlavaProcessor.from_pretrained}).
     *
     * @throws ConfigException naming the file and key of a missing or bad value
     */
    public static VideoLlavaProcessor fromPretrained(ProcessorContext context) {
        ProcessorConfig config = ProcessorConfig.read(context);
        int patchSize = config.requirePositiveInt("patch_size");
        String strategy = config.visionFeatureSelectStrategy();
        ConfigNode preprocessor = preprocessorConfig(context);
        ImageProcessor images = context.imageProcessor(IMAGE_PROCESSOR_CLASS, preprocessor);
        VideoProcessor videos = context.videoProcessor(IMAGE_PROCESSOR_CLASS, preprocessor);
        return withTokenizer(context, tokenizer -> new VideoLlavaProcessor(context, tokenizer, config, images,
                videos, patchSize, strategy));
    }

    /** {@code patch_size}. */
    public int patchSize() {
        return patchSize;
    }

    /** {@code vision_feature_select_strategy} of the processor. */
    public String visionFeatureSelectStrategy() {
        return visionFeatureSelectStrategy;
    }

    @Override
    protected boolean mediaTensorsFirst() {
        return true;
    }

    @Override
    protected ProcessedMedia processMedia(List<RgbImage> images, List<VideoFrames> videos) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        List<MediaExpansion> imageItems = new ArrayList<>();
        List<MediaExpansion> videoItems = new ArrayList<>();
        if (!videos.isEmpty()) {
            ProcessedVideos processed = videoProcessor.preprocess(videos);
            HostTensor pixels = processed.pixelValuesVideos();
            ImageSize frame = lastTwoDims(pixels);
            int numFrames = pixels.dim(1);
            int numVideoTokens = ((frame.height() / patchSize) * (frame.width() / patchSize) + 1) * numFrames;
            for (VideoFrames v : videos) {
                videoItems.add(MediaExpansion.video(new ImageSize(v.height(), v.width()), frame, numFrames,
                        numVideoTokens));
            }
            tensors.put(BatchFeature.PIXEL_VALUES_VIDEOS, pixels);
        }
        if (!images.isEmpty()) {
            ProcessedImages processed = imageProcessor.preprocess(images);
            ImageSize size = lastTwoDims(processed.pixelValues());
            int numImageTokens = (size.height() / patchSize) * (size.width() / patchSize) + 1
                    - strategyAdjustment(visionFeatureSelectStrategy);
            for (int i = 0; i < images.size(); i++) {
                imageItems.add(MediaExpansion.image(processed.imageSizes().get(i), size, numImageTokens));
            }
            tensors.put(BatchFeature.PIXEL_VALUES_IMAGES, processed.pixelValues());
        }
        return new ProcessedMedia(tensors, imageItems, videoItems);
    }
}
