package io.vlm4j.models.videollava;

import io.vlm4j.config.VideoLlavaConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.VisionTower;
import io.vlm4j.models.llava.LlavaMultiModalProjector;
import io.vlm4j.models.llava.MultimodalModel;
import io.vlm4j.models.llava.VisionTowers;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * HF's {@code VideoLlavaForConditionalGeneration}: two towers of one {@code vision_config} — {@code image_tower}
 * for images, {@code video_tower} for video frames — one {@code multi_modal_projector} and {@code language_model}.
 * Image features follow {@code vision_feature_select_strategy} ({@code "default"} drops the class token); video
 * frames always keep it ({@code get_video_features} takes no strategy), so a video of {@code frames} frames has
 * {@code frames * (patches + 1)} features. All features of a kind are scattered in order (upstream's fix #34332;
 * see {@link MultimodalModel}).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/video_llava/modeling_video_llava.py">
 * modeling_video_llava.py</a> at v4.46.0. Thread-safe.
 */
public final class VideoLlavaForConditionalGeneration extends MultimodalModel {
    private final VideoLlavaConfig config;
    private final VisionTower videoTower;
    private final VisionTower imageTower;
    private final LlavaMultiModalProjector multiModalProjector;

    private VideoLlavaForConditionalGeneration(VideoLlavaConfig config, Weights weights) {
        super(config, weights);
        this.config = config;
        this.videoTower = VisionTowers.fromConfig(config.visionConfig(), weights.under("video_tower"));
        this.imageTower = VisionTowers.fromConfig(config.visionConfig(), weights.under("image_tower"));
        this.multiModalProjector = new LlavaMultiModalProjector(config, weights, "multi_modal_projector");
    }

    /**
     * Loads a checkpoint's weights onto the context's backend.
     *
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     */
    public static VideoLlavaForConditionalGeneration load(ModelContext context) {
        VideoLlavaConfig config = (VideoLlavaConfig) context.config();
        return load(context, weights -> new VideoLlavaForConditionalGeneration(config, weights));
    }

    @Override
    protected OptionalInt videoTokenIndex() {
        return OptionalInt.of(config.videoTokenIndex());
    }

    /**
     * HF's {@code get_image_features}: {@code pixelValuesImages [num_images, num_channels, height, width]} through
     * {@code image_tower} and the projector, {@code [num_images, image_length, hidden_size]}.
     */
    public Tensor getImageFeatures(Scope scope, Tensor pixelValuesImages, String visionFeatureSelectStrategy) {
        Tensor imageOutputs = selectImageFeature(scope, imageTower, pixelValuesImages,
                visionFeatureSelectStrategy); // [num_images, image_length, vision hidden_size]
        Tensor imageFeatures = multiModalProjector.forward(scope, imageOutputs); // [num_images, image_length, hidden_size]
        return imageFeatures;
    }

    /**
     * HF's {@code get_video_features}: every frame of {@code pixelValuesVideos [num_videos, frames, num_channels,
     * height, width]} through {@code video_tower} (class token kept) and the projector,
     * {@code [num_videos * frames, patches + 1, hidden_size]}.
     */
    public Tensor getVideoFeatures(Scope scope, Tensor pixelValuesVideos) {
        int batchSizeVid = pixelValuesVideos.dim(0);
        int numFrames = pixelValuesVideos.dim(1);
        Tensor pixelValues = scope.reshape(pixelValuesVideos, batchSizeVid * numFrames, pixelValuesVideos.dim(2),
                pixelValuesVideos.dim(3), pixelValuesVideos.dim(4)); // [num_videos * frames, num_channels, height, width]
        Tensor videoFeatures = selectImageFeature(scope, videoTower, pixelValues,
                ProcessorConfig.FULL_STRATEGY); // [num_videos * frames, patches + 1, vision hidden_size]
        videoFeatures = multiModalProjector.forward(scope, videoFeatures); // [num_videos * frames, patches + 1, hidden_size]
        return videoFeatures;
    }

    @Override
    protected List<Tensor> imageFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        Tensor pixelValuesImages = pixelRows(scope, batch, BatchFeature.PIXEL_VALUES_IMAGES, items); // [num_images, num_channels, height, width]
        Tensor imageFeatures = getImageFeatures(scope, pixelValuesImages, config.visionFeatureSelectStrategy()); // [num_images, image_length, hidden_size]
        List<Tensor> perImage = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            perImage.add(scope.reshape(scope.slice(imageFeatures, 0, i, i + 1), imageFeatures.dim(1),
                    imageFeatures.dim(2))); // [image_length, hidden_size]
        }
        return perImage;
    }

    @Override
    protected List<Tensor> videoFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        Tensor pixelValuesVideos = pixelRows(scope, batch, BatchFeature.PIXEL_VALUES_VIDEOS, items); // [num_videos, frames, num_channels, height, width]
        int numFrames = pixelValuesVideos.dim(1);
        Tensor videoFeatures = getVideoFeatures(scope, pixelValuesVideos); // [num_videos * frames, patches + 1, hidden_size]
        List<Tensor> perVideo = new ArrayList<>();
        for (int v = 0; v < items.size(); v++) {
            Tensor frames = scope.slice(videoFeatures, 0, v * numFrames, (v + 1) * numFrames); // [frames, patches + 1, hidden_size]
            perVideo.add(scope.reshape(frames, -1, frames.dim(2))); // [frames * (patches + 1), hidden_size]
        }
        return perVideo;
    }
}
