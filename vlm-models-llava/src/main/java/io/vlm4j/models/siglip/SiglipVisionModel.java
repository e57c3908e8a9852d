package io.vlm4j.models.siglip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.CLIPEncoder;
import io.vlm4j.models.clip.VisionTower;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * HF's {@code SiglipVisionModel} ({@code model_type} {@code siglip_vision_model}): a
 * {@link SiglipVisionTransformer} under {@code vision_model}. Its hidden states have no class token, so the
 * {@code "default"} feature strategy's {@code [:, 1:]} drops a patch (which is why SigLIP checkpoints use
 * {@code "full"}).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/siglip/modeling_siglip.py">
 * modeling_siglip.py</a> at v4.46.0. Thread-safe.
 */
public final class SiglipVisionModel implements VisionTower {
    private final VisionConfig config;
    private final SiglipVisionTransformer visionModel;

    private SiglipVisionModel(VisionConfig config, SiglipVisionTransformer visionModel) {
        this.config = config;
        this.visionModel = visionModel;
    }

    /**
     * Loads {@code vision_model.*} from {@code weights}, which name them relative to the tower
     * ({@code weights.under("vision_tower")} in a LLaVA checkpoint).
     *
     * @throws io.vlm4j.CheckpointFormatException if a tensor is missing or has another shape
     */
    public static SiglipVisionModel load(VisionConfig config, Weights weights) {
        Objects.requireNonNull(config, "config");
        return new SiglipVisionModel(config, new SiglipVisionTransformer(config, weights, "vision_model"));
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
