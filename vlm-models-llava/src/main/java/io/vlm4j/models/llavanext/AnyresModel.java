package io.vlm4j.models.llavanext;

import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.VisionTower;
import io.vlm4j.models.llava.LlavaMultiModalProjector;
import io.vlm4j.models.llava.MultimodalModel;
import io.vlm4j.models.llava.VisionTowers;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What HF's {@code LlavaNextForConditionalGeneration} gives the anyres families' models (HF's
 * {@code LlavaNextVideoForConditionalGeneration} subclasses it, {@code LlavaOnevisionForConditionalGeneration}
 * copies from it): {@code vision_tower}, {@code multi_modal_projector} and {@code image_newline}, a video
 * placeholder, and {@code get_image_features} over each image's real anyres patches. A family adds its
 * {@code pack_image_features} and its video features.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next/modeling_llava_next.py">
 * modeling_llava_next.py</a> at v4.46.0. Thread-safe: the weights are read-only.
 */
public abstract class AnyresModel extends MultimodalModel {
    private final MultimodalConfig config;
    private final List<ImageSize> imageGridPinpoints;
    private final int videoTokenIndex;
    private final VisionTower visionTower;
    private final LlavaMultiModalProjector multiModalProjector;
    private final Tensor imageNewline; // [hidden_size]

    /**
     * Loads {@code vision_tower.*}, {@code multi_modal_projector.*} and {@code image_newline} (after
     * {@code language_model.*}) from {@code weights}.
     *
     * @param imageGridPinpoints the config's {@code image_grid_pinpoints}
     * @param videoTokenIndex the config's {@code video_token_index}
     */
    protected AnyresModel(MultimodalConfig config, Weights weights, List<ImageSize> imageGridPinpoints,
            int videoTokenIndex) {
        super(config, weights);
        this.config = config;
        this.imageGridPinpoints = List.copyOf(Objects.requireNonNull(imageGridPinpoints, "imageGridPinpoints"));
        this.videoTokenIndex = videoTokenIndex;
        this.visionTower = VisionTowers.fromConfig(config.visionConfig(), weights.under("vision_tower"));
        this.multiModalProjector = new LlavaMultiModalProjector(config, weights, "multi_modal_projector");
        this.imageNewline = weights.get("image_newline", config.textConfig().hiddenSize());
    }

    @Override
    protected final OptionalInt videoTokenIndex() {
        return OptionalInt.of(videoTokenIndex);
    }

    /** {@code vision_tower}. */
    public VisionTower visionTower() {
        return visionTower;
    }

    /** {@code multi_modal_projector}. */
    public LlavaMultiModalProjector multiModalProjector() {
        return multiModalProjector;
    }

    /** {@code image_newline}, {@code [hidden_size]}. */
    public Tensor imageNewline() {
        return imageNewline;
    }

    @Override
    protected final List<Tensor> imageFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        Tensor pixelValues = pixelRows(scope, batch, BatchFeature.PIXEL_VALUES, items); // [num_images, max_patches, num_channels, height, width]
        List<ImageSize> imageSizes = items.stream().map(MediaItem::originalSize).toList();
        List<Tensor> imageFeatures = getImageFeatures(scope, pixelValues, imageSizes,
                config.visionFeatureSelectStrategy()); // [num_patches, image_length, hidden_size] each
        return packImageFeatures(scope, imageFeatures, imageSizes); // [features, hidden_size] each
    }

    /**
     * The family's {@code pack_image_features} with the arguments its {@code forward} passes, one
     * {@code [features, hidden_size]} per image.
     *
     * @param imageFeatures one {@code [num_patches, image_length, hidden_size]} per image
     * @param imageSizes each image's size before processing
     */
    protected abstract List<Tensor> packImageFeatures(Scope scope, List<Tensor> imageFeatures,
            List<ImageSize> imageSizes);

    /**
     * HF's {@code get_image_features}: the tower and projector over each image's real patches (base tile, then
     * tiles; HF counts them with {@code image_size_to_num_patches}), one {@code [num_patches, image_length,
     * hidden_size]} per image.
     *
     * @param pixelValues {@code [num_images, max_patches, num_channels, height, width]}
     * @param imageSizes each image's size before processing (HF's {@code image_sizes}, as Java ints)
     */
    public List<Tensor> getImageFeatures(Scope scope, Tensor pixelValues, List<ImageSize> imageSizes,
            String visionFeatureSelectStrategy) {
        AnyresFeatures.Patches patches = AnyresFeatures.realPatches(scope, pixelValues, imageSizes,
                imageGridPinpoints, config.visionConfig().imageSize());
        Tensor selectedImageFeature = selectImageFeature(scope, visionTower, patches.pixelValues(),
                visionFeatureSelectStrategy); // [all_patches, image_length, vision hidden_size]
        Tensor imageFeatures = multiModalProjector.forward(scope, selectedImageFeature); // [all_patches, image_length, hidden_size]
        return split(scope, imageFeatures, patches.imageNumPatches());
    }

    /**
     * The first half of every anyres family's {@code get_video_features}: each video's frames as one batch
     * through the tower, {@code [num_videos, frames, num_channels, height, width]} →
     * {@code [num_videos * frames, image_length, vision hidden_size]}.
     */
    protected Tensor selectVideoFeature(Scope scope, Tensor pixelValues, String visionFeatureSelectStrategy) {
        int batchSize = pixelValues.dim(0);
        int frames = pixelValues.dim(1);
        pixelValues = scope.reshape(pixelValues, batchSize * frames, pixelValues.dim(2), pixelValues.dim(3),
                pixelValues.dim(4)); // [num_videos * frames, num_channels, height, width]
        return selectImageFeature(scope, visionTower, pixelValues,
                visionFeatureSelectStrategy); // [num_videos * frames, image_length, vision hidden_size]
    }
}
