package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * HF's {@code CLIPVisionModel} ({@code model_type} {@code clip_vision_model}): a {@link CLIPVisionTransformer}
 * under {@code vision_model}. Its hidden states start with the class token's ({@code [:, 0]}), which the
 * {@code "default"} feature strategy drops.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Thread-safe.
 */
public final class CLIPVisionModel implements VisionTower {
    private final VisionConfig config;
    private final CLIPVisionTransformer visionModel;

    private CLIPVisionModel(VisionConfig config, CLIPVisionTransformer visionModel) {
        this.config = config;
        this.visionModel = visionModel;
    }

    /**
     * Loads {@code vision_model.*} from {@code weights}, which name them relative to the tower
     * ({@code weights.under("vision_tower")} in a LLaVA checkpoint).
     *
     * @throws io.vlm4j.CheckpointFormatException if a tensor is missing or has another shape
     */
    public static CLIPVisionModel load(VisionConfig config, Weights weights) {
        Objects.requireNonNull(config, "config");
        return new CLIPVisionModel(config, new CLIPVisionTransformer(config, weights, "vision_model"));
    }

    @Override
    public VisionConfig config() {
        return config;
    }

    @Override
    public int numPositions() {
        return visionModel.numPositions();
    }

    @Override
    public List<Tensor> hiddenStates(Scope scope, Tensor pixelValues, List<Integer> layers) {
        int[] indices = layers.stream().mapToInt(l -> CLIPEncoder.hiddenStateIndex(l, config.numHiddenLayers()))
                .toArray();
        return visionModel.hiddenStates(scope, pixelValues, indices);
    }
}
