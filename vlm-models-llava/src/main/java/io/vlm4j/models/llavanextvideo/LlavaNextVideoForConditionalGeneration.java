package io.vlm4j.models.llavanextvideo;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.config.LlavaNextVideoConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.llavanext.AnyresFeatures;
import io.vlm4j.models.llavanext.AnyresModel;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.Grid;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HF's {@code LlavaNextVideoForConditionalGeneration} (LLaVA-NeXT-Video on a Llama or, for the variant the seeds
 * call LlavaNextVideo2, a Qwen2 language model): {@code vision_tower} (CLIP), {@code vision_resampler}
 * ({@link LlavaNextVideoPooler}), {@code multi_modal_projector}, {@code image_newline} and
 * {@code language_model}.
 *
 * <p>An image's features are its base tile's (with the class token unless the strategy is {@code "default"}),
 * then its anyres tiles' as one grid with the padding rows or columns removed ({@code unpad_image}, HF's float
 * formula) and {@code image_newline} after each row ({@link #packImageFeatures}). The processor counts the
 * unpadded grid with integer arithmetic; where the two formulas disagree HF's model raises, and so does the merge
 * here (golden-processor README). A video's frames go through the tower, the pooler (before the projector) and the
 * projector; no newline.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next_video/modeling_llava_next_video.py">
 * modeling_llava_next_video.py</a> at v4.46.0. Thread-safe.
 */
public final class LlavaNextVideoForConditionalGeneration extends AnyresModel {
    private final LlavaNextVideoConfig config;
    private final LlavaNextVideoPooler visionResampler;

    private LlavaNextVideoForConditionalGeneration(LlavaNextVideoConfig config, Weights weights) {
        super(config, weights, config.imageGridPinpoints(), config.videoTokenIndex());
        this.config = config;
        this.visionResampler = new LlavaNextVideoPooler(config, weights, "vision_resampler");
    }

    /**
     * Loads a checkpoint's weights onto the context's backend.
     *
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     */
    public static LlavaNextVideoForConditionalGeneration load(ModelContext context) {
        LlavaNextVideoConfig config = (LlavaNextVideoConfig) context.config();
        return load(context, weights -> new LlavaNextVideoForConditionalGeneration(config, weights));
    }

    /**
     * HF's {@code pack_image_features}: each image's {@code [num_patches, image_length, hidden_size]} features
     * (base tile first) as one sequence {@code [features, hidden_size]}; HF concatenates them and returns the
     * lengths, here they stay one tensor per image.
     *
     * @param imageSizes each image's size before processing (HF's {@code image_sizes}, as Java ints)
     * @param imageNewline {@code [hidden_size]}, or null for none
     */
    public List<Tensor> packImageFeatures(Scope scope, List<Tensor> imageFeatures, List<ImageSize> imageSizes,
            String visionFeatureSelectStrategy, Tensor imageNewline) {
        List<Tensor> newImageFeatures = new ArrayList<>();
        int height = config.visionConfig().imageSize() / config.visionConfig().patchSize();
        int width = height;
        for (int imageIdx = 0; imageIdx < imageFeatures.size(); imageIdx++) {
            Tensor imageFeature = imageFeatures.get(imageIdx); // [num_patches, image_length, hidden_size]
            int dim = imageFeature.dim(2);
            if (imageFeature.dim(0) > 1) {
                Tensor baseImageFeature = scope.reshape(scope.slice(imageFeature, 0, 0, 1), imageFeature.dim(1), dim); // [image_length, hidden_size]
                imageFeature = scope.slice(imageFeature, 0, 1, imageFeature.dim(0)); // [tiles, image_length, hidden_size]
                int expectedNumPatches = ProcessorConfig.DEFAULT_STRATEGY.equals(visionFeatureSelectStrategy)
                        ? height * width : height * width + 1;
                if (expectedNumPatches != baseImageFeature.dim(0)) {
                    throw new MediaMismatchException("The number of patches is not consistent with the image size: "
                            + baseImageFeature.dim(0) + " features per tile, " + expectedNumPatches + " expected");
                }
                Grid numPatches = AnyresFeatures.getAnyresImageGridShape(imageSizes.get(imageIdx),
                        config.imageGridPinpoints(), config.visionConfig().imageSize());
                if (imageFeature.dim(1) != height * width) {
                    // a "full" strategy's tiles keep their class token: HF's view(rows, cols, height, width, -1) fails
                    throw new MediaMismatchException("anyres tiles of " + imageFeature.dim(1) + " features do not form"
                            + " the " + height + "x" + width + " grid pack_image_features views them as (HF fails"
                            + " likewise with vision_feature_select_strategy \"" + visionFeatureSelectStrategy + "\")");
                }
                imageFeature = AnyresFeatures.tileGrid(scope, imageFeature, numPatches, height, width); // [hidden_size, rows * height, cols * width]
                imageFeature = AnyresFeatures.unpadImage(scope, imageFeature, imageSizes.get(imageIdx)); // [hidden_size, height', width']
                imageFeature = AnyresFeatures.withNewlines(scope, imageFeature, imageNewline); // [height' * (width' + 1), hidden_size]
                imageFeature = scope.cat(List.of(baseImageFeature, imageFeature), 0); // [features, hidden_size]
            } else {
                imageFeature = AnyresFeatures.singlePatch(scope, imageFeature, imageNewline); // [image_length (+ 1), hidden_size]
            }
            newImageFeatures.add(imageFeature);
        }
        return newImageFeatures;
    }

    /**
     * HF's {@code get_video_features}: every frame through the tower, the pooler and the projector, one
     * {@code [frames, pooled, hidden_size]} per video of {@code pixelValues [num_videos, frames, num_channels,
     * height, width]}.
     */
    public List<Tensor> getVideoFeatures(Scope scope, Tensor pixelValues, String visionFeatureSelectStrategy) {
        int batchSize = pixelValues.dim(0);
        int frames = pixelValues.dim(1);
        Tensor selectedVideoFeatures = selectVideoFeature(scope, pixelValues,
                visionFeatureSelectStrategy); // [num_videos * frames, image_length, vision hidden_size]
        Tensor videoFeatures = visionResampler.forward(scope, selectedVideoFeatures); // [num_videos * frames, pooled, vision hidden_size]
        videoFeatures = multiModalProjector().forward(scope, videoFeatures); // [num_videos * frames, pooled, hidden_size]
        int[] sizes = new int[batchSize];
        Arrays.fill(sizes, frames);
        return split(scope, videoFeatures, sizes);
    }

    @Override
    protected List<Tensor> packImageFeatures(Scope scope, List<Tensor> imageFeatures, List<ImageSize> imageSizes) {
        return packImageFeatures(scope, imageFeatures, imageSizes, config.visionFeatureSelectStrategy(),
                imageNewline());
    }

    @Override
    protected List<Tensor> videoFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        Tensor pixelValuesVideos = pixelRows(scope, batch, BatchFeature.PIXEL_VALUES_VIDEOS, items); // [num_videos, frames, num_channels, height, width]
        List<Tensor> videoFeatures = getVideoFeatures(scope, pixelValuesVideos,
                config.visionFeatureSelectStrategy()); // [frames, pooled, hidden_size] each
        return videoFeatures.stream().map(f -> scope.reshape(f, -1, f.dim(2))).toList(); // [frames * pooled, hidden_size] each
    }
}
