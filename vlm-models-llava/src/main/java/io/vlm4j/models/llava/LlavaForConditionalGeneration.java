package io.vlm4j.models.llava;

import io.vlm4j.config.LlavaConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.VisionTower;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * HF's {@code LlavaForConditionalGeneration} (LLaVA-1.5, LLaVA-Interleave): {@code vision_tower} (CLIP or SigLIP),
 * {@code multi_modal_projector} and {@code language_model}. Each image item's features are its
 * {@code hidden_states[vision_feature_layer]} (without the first position for the {@code "default"} strategy)
 * through the projector; a video's frames come as image items (LLaVA-Interleave), so there are no video features.
 * All image features of a batch are scattered in order (upstream's fix #34332; see {@link MultimodalModel}).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava/modeling_llava.py">
 * modeling_llava.py</a> at v4.46.0. Thread-safe.
 */
public final class LlavaForConditionalGeneration extends MultimodalModel {
    private final LlavaConfig config;
    private final VisionTower visionTower;
    private final LlavaMultiModalProjector multiModalProjector;

    private LlavaForConditionalGeneration(LlavaConfig config, Weights weights) {
        super(config, weights);
        this.config = config;
        this.visionTower = VisionTowers.fromConfig(config.visionConfig(), weights.under("vision_tower"));
        this.multiModalProjector = new LlavaMultiModalProjector(config, weights, "multi_modal_projector");
    }

    /**
     * Loads a checkpoint's weights onto the context's backend.
     *
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     */
    public static LlavaForConditionalGeneration load(ModelContext context) {
        LlavaConfig config = (LlavaConfig) context.config();
        return load(context, weights -> new LlavaForConditionalGeneration(config, weights));
    }

    /** {@code vision_tower}. */
    public VisionTower visionTower() {
        return visionTower;
    }

    /** {@code multi_modal_projector}. */
    public LlavaMultiModalProjector multiModalProjector() {
        return multiModalProjector;
    }

    /**
     * HF's {@code get_image_features}: the projected features of {@code pixelValues [num_images, num_channels,
     * height, width]}, {@code [num_images, image_length, text hidden_size]}.
     */
    public Tensor getImageFeatures(Scope scope, Tensor pixelValues, String visionFeatureSelectStrategy) {
        Tensor selectedImageFeature = selectImageFeature(scope, visionTower, pixelValues,
                visionFeatureSelectStrategy); // [num_images, image_length, vision hidden_size]
        Tensor imageFeatures = multiModalProjector.forward(scope, selectedImageFeature); // [num_images, image_length, hidden_size]
        return imageFeatures;
    }

    @Override
    protected List<Tensor> imageFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        Tensor pixelValues = pixelRows(scope, batch, BatchFeature.PIXEL_VALUES, items); // [num_images, num_channels, height, width]
        Tensor imageFeatures = getImageFeatures(scope, pixelValues, config.visionFeatureSelectStrategy()); // [num_images, image_length, hidden_size]
        int[] ones = new int[items.size()];
        Arrays.fill(ones, 1);
        List<Tensor> perImage = split(scope, imageFeatures, ones);
        return perImage.stream().map(f -> scope.reshape(f, f.dim(1), f.dim(2))).toList(); // [image_length, hidden_size] each
    }
}
