package io.vlm4j.models.llavanextvideo;

import io.vlm4j.ConfigException;
import io.vlm4j.config.LlavaNextVideoConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlavaNextVideoPooler} ({@code vision_resampler}): each frame's vision features as a square grid,
 * pooled with {@code spatial_pool_stride} by {@code spatial_pool_mode} — {@code average} ({@code nn.AvgPool2d}),
 * {@code max} ({@code nn.MaxPool2d}) or {@code conv} (a strided {@code nn.Conv2d} to
 * {@code spatial_pool_out_channels}, under {@code vision_resampler.pool}).
 *
 * <p>HF's quirk, reproduced (golden README behaviour 3): the grid side is computed through
 * {@code self.image_size = image_size // patch_size**2}, as {@code int(sqrt(seq_len * s // s))}, which is
 * {@code sqrt(seq_len)} for any {@code s} ≥ 1 but divides by zero when {@code image_size < patch_size²} (HF raises
 * {@code ZeroDivisionError} on every video then; so does this, as a {@link ConfigException}). The grid must be
 * square: HF's {@code view} fails otherwise (a {@code "full"} strategy's class token makes {@code n² + 1}).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava_next_video/modeling_llava_next_video.py">
 * modeling_llava_next_video.py</a> at v4.46.0. Immutable.
 */
public final class LlavaNextVideoPooler {
    private final LlavaNextVideoConfig config;
    private final String mode;
    private final int stride;
    private final int imageSize;
    private final Tensor poolWeight; // conv: [out_channels, hidden_size, stride, stride]
    private final Tensor poolBias; // conv: [out_channels]

    /** Builds the pooler, loading {@code <prefix>.pool.weight} and {@code .bias} for the {@code conv} mode. */
    public LlavaNextVideoPooler(LlavaNextVideoConfig config, Weights weights, String prefix) {
        this.config = config;
        this.mode = config.spatialPoolMode();
        this.stride = config.spatialPoolStride();
        int patchSize = config.visionConfig().patchSize();
        this.imageSize = config.visionConfig().imageSize() / (patchSize * patchSize);
        if (mode.equals("conv")) {
            int hidden = config.visionConfig().hiddenSize();
            int outChannels = config.spatialPoolOutChannels();
            this.poolWeight = weights.get(prefix + ".pool.weight", outChannels, hidden, stride, stride);
            this.poolBias = weights.get(prefix + ".pool.bias", outChannels);
        } else {
            this.poolWeight = null;
            this.poolBias = null;
        }
    }

    /**
     * {@code [frames, seq_len, hidden_size]} → {@code [frames, (side / stride)², hidden_size or out_channels]},
     * {@code side = sqrt(seq_len)}.
     *
     * @throws ConfigException if {@code image_size // patch_size**2} is 0 (HF's ZeroDivisionError) or the features
     *     do not form a square grid
     */
    public Tensor forward(Scope scope, Tensor imageFeatures) {
        if (imageSize == 0) {
            throw new ConfigException(config.json().get("vision_config").location() + ": LlavaNextVideoPooler divides"
                    + " by image_size // patch_size**2 = " + config.visionConfig().imageSize() + " // "
                    + config.visionConfig().patchSize() + "**2 = 0: HF 4.46 raises ZeroDivisionError on every video"
                    + " unless image_size >= patch_size**2");
        }
        int seqLen = imageFeatures.dim(1);
        int oriWidth = (int) Math.sqrt((double) (seqLen * imageSize / imageSize));
        int oriHeight = oriWidth * imageSize / imageSize;
        int batchSize = imageFeatures.dim(0);
        int dim = imageFeatures.dim(2);
        if (oriHeight * oriHeight != seqLen) {
            throw new ConfigException(config.json().get("vision_feature_select_strategy").location() + ": "
                    + seqLen + " vision features per frame do not form the square grid LlavaNextVideoPooler views"
                    + " them as (" + oriHeight + "x" + oriHeight + ")");
        }
        Tensor imageFeaturesSpatial = scope.permute(scope.reshape(imageFeatures, batchSize, oriHeight, oriHeight, dim),
                0, 3, 1, 2); // [frames, hidden_size, side, side]
        Tensor imageFeaturesSpatialPool = pool(scope, imageFeaturesSpatial); // [frames, channels, side / stride, side / stride]
        int channels = imageFeaturesSpatialPool.dim(1);
        return scope.transpose(scope.reshape(imageFeaturesSpatialPool, batchSize, channels, -1), 1, 2); // [frames, pooled, channels]
    }

    /** {@code self.pool}. */
    private Tensor pool(Scope scope, Tensor x) {
        switch (mode) {
            case "average":
                return scope.avgPool2d(x, stride, stride, stride, stride);
            case "conv":
                return scope.conv2d(x, poolWeight, poolBias, stride, stride, 0, 0);
            default:
                return maxPool2d(scope, x);
        }
    }

    /**
     * {@code nn.MaxPool2d(kernel_size=stride, stride=stride)} (no padding, floor mode): the largest of each
     * window, as the top-1 of the window's values (exact: no arithmetic).
     */
    private Tensor maxPool2d(Scope scope, Tensor x) {
        int b = x.dim(0);
        int c = x.dim(1);
        int outH = x.dim(2) / stride;
        int outW = x.dim(3) / stride;
        Tensor cropped = scope.slice(scope.slice(x, 2, 0, outH * stride), 3, 0, outW * stride); // [b, c, out_h * s, out_w * s]
        Tensor windows = scope.reshape(cropped, b, c, outH, stride, outW, stride); // [b, c, out_h, s, out_w, s]
        windows = scope.permute(windows, 0, 1, 2, 4, 3, 5); // [b, c, out_h, out_w, s, s]
        windows = scope.reshape(windows, b, c, outH, outW, stride * stride); // [b, c, out_h, out_w, s * s]
        Tensor max = scope.topk(windows, 1, -1).values(); // [b, c, out_h, out_w, 1]
        return scope.reshape(max, b, c, outH, outW); // [b, c, out_h, out_w]
    }
}
