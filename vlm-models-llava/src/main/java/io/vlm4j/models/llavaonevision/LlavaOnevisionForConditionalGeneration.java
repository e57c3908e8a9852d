package io.vlm4j.models.llavaonevision;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.config.LlavaOnevisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.llavanext.AnyresFeatures;
import io.vlm4j.models.llavanext.AnyresModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.Grid;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processors.image.AnyResolution;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * HF's {@code LlavaOnevisionForConditionalGeneration}: {@code vision_tower} (SigLIP), {@code multi_modal_projector},
 * {@code image_newline} and {@code language_model}.
 *
 * <p>An image's features are its base tile's, then its anyres tiles' as one grid with the padding rows or columns
 * removed ({@code unpad_image}), shrunk by bilinear interpolation when it holds more than anyres_max_N tiles'
 * worth ({@code vision_aspect_ratio}), with {@code image_newline} after each row ({@link #packImageFeatures}). A
 * video's frames go through the tower and projector together, each frame's feature grid is halved (rounding up) by
 * bilinear interpolation ({@link #applyPooling}), and one {@code image_newline} ends the video.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_onevision/modeling_llava_onevision.py">
 * modeling_llava_onevision.py</a> at v4.46.0. Thread-safe.
 */
public final class LlavaOnevisionForConditionalGeneration extends AnyresModel {
    private final LlavaOnevisionConfig config;

    private LlavaOnevisionForConditionalGeneration(LlavaOnevisionConfig config, Weights weights) {
        super(config, weights, config.imageGridPinpoints(), config.videoTokenIndex());
        this.config = config;
    }

    /**
     * Loads a checkpoint's weights onto the context's backend.
     *
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     */
    public static LlavaOnevisionForConditionalGeneration load(ModelContext context) {
        LlavaOnevisionConfig config = (LlavaOnevisionConfig) context.config();
        return load(context, weights -> new LlavaOnevisionForConditionalGeneration(config, weights));
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
            Tensor imageNewline, String visionAspectRatio) {
        List<Tensor> newImageFeatures = new ArrayList<>();
        int height = config.visionConfig().imageSize() / config.visionConfig().patchSize();
        int width = height;
        for (int imageIdx = 0; imageIdx < imageFeatures.size(); imageIdx++) {
            Tensor imageFeature = imageFeatures.get(imageIdx); // [num_patches, image_length, hidden_size]
            int dim = imageFeature.dim(2);
            if (imageFeature.dim(0) > 1) {
                Tensor baseImageFeature = scope.reshape(scope.slice(imageFeature, 0, 0, 1), imageFeature.dim(1), dim); // [image_length, hidden_size]
                imageFeature = scope.slice(imageFeature, 0, 1, imageFeature.dim(0)); // [tiles, image_length, hidden_size]
                if (height * width != baseImageFeature.dim(0)) {
                    throw new MediaMismatchException("The number of patches is not consistent with the image size: "
                            + baseImageFeature.dim(0) + " features per tile, " + height + "x" + width + " expected");
                }
                Grid numPatches = AnyresFeatures.getAnyresImageGridShape(imageSizes.get(imageIdx),
                        config.imageGridPinpoints(), config.visionConfig().imageSize());
                imageFeature = AnyresFeatures.tileGrid(scope, imageFeature, numPatches, height, width); // [hidden_size, rows * height, cols * width]
                imageFeature = AnyresFeatures.unpadImage(scope, imageFeature, imageSizes.get(imageIdx)); // [hidden_size, curr_height, curr_width]
                int maxNumPatches = maxNumPatches(visionAspectRatio);
                int currHeight = imageFeature.dim(1);
                int currWidth = imageFeature.dim(2);
                AnyResolution.Grid current = new AnyResolution.Grid(currHeight, currWidth);
                double ratio = AnyResolution.anyresMaxRatio(current, height, maxNumPatches);
                if (ratio > AnyResolution.ANYRES_MAX_THRESHOLD) {
                    // [int(curr_height // ratio), int(curr_width // ratio)], in Python's float floor division
                    AnyResolution.Grid size = AnyResolution.anyresMax(current, height, maxNumPatches);
                    imageFeature = scope.unsqueeze(imageFeature, 0); // [1, hidden_size, curr_height, curr_width]
                    imageFeature = scope.interpolateBilinear(imageFeature, size.rows(), size.cols()); // [1, hidden_size, new_height, new_width]
                    imageFeature = scope.reshape(imageFeature, dim, size.rows(), size.cols()); // [hidden_size, new_height, new_width]
                }
                imageFeature = AnyresFeatures.withNewlines(scope, imageFeature, imageNewline); // [height' * (width' + 1), hidden_size]
                imageFeature = scope.cat(List.of(baseImageFeature, imageFeature), 0); // [features, hidden_size]
            } else {
                imageFeature = AnyresFeatures.singlePatch(scope, imageFeature, imageNewline); // [image_length (+ 1), hidden_size]
            }
            newImageFeatures.add(imageFeature);
        }
        return newImageFeatures;
    }

    /** {@code int(vision_aspect_ratio.strip("anyres_max_"))}. */
    private int maxNumPatches(String visionAspectRatio) {
        if (!visionAspectRatio.equals(config.visionAspectRatio())) {
            throw new IllegalArgumentException("vision_aspect_ratio " + visionAspectRatio + " is not the config's "
                    + config.visionAspectRatio());
        }
        return config.visionAspectRatioMaxNumPatches();
    }

    /**
     * HF's {@code apply_pooling}: each frame's feature grid halved (rounding up) by bilinear interpolation,
     * {@code [frames, height * width, hidden_size]} → {@code [frames, ceil(height / 2) * ceil(width / 2),
     * hidden_size]}.
     */
    public Tensor applyPooling(Scope scope, Tensor imageFeatures) {
        int height = config.visionConfig().imageSize() / config.visionConfig().patchSize();
        int width = height;
        int batchFrames = imageFeatures.dim(0);
        int dim = imageFeatures.dim(2);
        imageFeatures = scope.reshape(imageFeatures, batchFrames, height, width, -1); // [frames, height, width, hidden_size]
        imageFeatures = scope.permute(imageFeatures, 0, 3, 1, 2); // [frames, hidden_size, height, width]
        int scaledHeight = (height + 1) / 2;
        int scaledWidth = (width + 1) / 2;
        imageFeatures = scope.interpolateBilinear(imageFeatures, scaledHeight, scaledWidth); // [frames, hidden_size, ceil(height / 2), ceil(width / 2)]
        imageFeatures = scope.permute(imageFeatures, 0, 2, 3, 1); // [frames, ceil(height / 2), ceil(width / 2), hidden_size]
        imageFeatures = scope.reshape(imageFeatures, batchFrames, -1, dim); // [frames, pooled, hidden_size]
        return imageFeatures;
    }

    /**
     * HF's {@code get_video_features}: every frame through the tower and projector, then {@link #applyPooling};
     * {@code [num_videos, frames, num_channels, height, width]} → {@code [num_videos, frames * pooled,
     * hidden_size]}.
     */
    public Tensor getVideoFeatures(Scope scope, Tensor pixelValues, String visionFeatureSelectStrategy) {
        int batchSize = pixelValues.dim(0);
        int frames = pixelValues.dim(1);
        Tensor selectedVideoFeature = selectVideoFeature(scope, pixelValues,
                visionFeatureSelectStrategy); // [num_videos * frames, image_length, vision hidden_size]
        Tensor videoFeatures = multiModalProjector().forward(scope, selectedVideoFeature); // [num_videos * frames, image_length, hidden_size]
        videoFeatures = applyPooling(scope, videoFeatures); // [num_videos * frames, pooled, hidden_size]
        videoFeatures = scope.reshape(videoFeatures, batchSize, frames * videoFeatures.dim(1), -1); // [num_videos, frames * pooled, hidden_size]
        return videoFeatures;
    }

    @Override
    protected List<Tensor> packImageFeatures(Scope scope, List<Tensor> imageFeatures, List<ImageSize> imageSizes) {
        return packImageFeatures(scope, imageFeatures, imageSizes, imageNewline(), config.visionAspectRatio());
    }

    @Override
    protected List<Tensor> videoFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        Tensor pixelValuesVideos = pixelRows(scope, batch, BatchFeature.PIXEL_VALUES_VIDEOS, items); // [num_videos, frames, num_channels, height, width]
        Tensor videoFeatures = getVideoFeatures(scope, pixelValuesVideos, config.visionFeatureSelectStrategy()); // [num_videos, frames * pooled, hidden_size]
        int dim = videoFeatures.dim(2);
        Tensor imageNewline = scope.expand(scope.reshape(imageNewline(), 1, 1, dim), videoFeatures.dim(0), 1, dim); // [num_videos, 1, hidden_size]
        videoFeatures = scope.cat(List.of(videoFeatures, imageNewline), 1); // [num_videos, frames * pooled + 1, hidden_size]
        List<Tensor> perVideo = new ArrayList<>();
        for (int v = 0; v < items.size(); v++) {
            perVideo.add(scope.reshape(scope.slice(videoFeatures, 0, v, v + 1), videoFeatures.dim(1), dim)); // [frames * pooled + 1, hidden_size]
        }
        return perVideo;
    }
}
