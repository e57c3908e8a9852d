package io.vlm4j.models.llava;

import io.vlm4j.UnsupportedModelException;
import io.vlm4j.config.ClipVisionConfig;
import io.vlm4j.config.SiglipVisionConfig;
import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.CLIPVisionModel;
import io.vlm4j.models.clip.VisionTower;
import io.vlm4j.models.siglip.SiglipVisionModel;

/**
 * The LLaVA families' {@code AutoModel.from_config(config.vision_config)}: the vision tower of a
 * {@code vision_config}'s {@code model_type}. Stateless.
 */
public final class VisionTowers {
    private VisionTowers() {}

    /**
     * The tower of {@code config}, its weights under {@code weights} ({@code vision_tower}, or Video-LLaVA's
     * {@code image_tower} / {@code video_tower}).
     *
     * @throws UnsupportedModelException naming the {@code model_type} if it is neither CLIP's nor SigLIP's
     * @throws io.vlm4j.CheckpointFormatException if a tensor is missing or has another shape
     */
    public static VisionTower fromConfig(VisionConfig config, Weights weights) {
        if (config instanceof ClipVisionConfig) {
            return CLIPVisionModel.load(config, weights);
        }
        if (config instanceof SiglipVisionConfig) {
            return SiglipVisionModel.load(config, weights);
        }
        throw new UnsupportedModelException(config.json().location() + ": no vision tower for model_type '"
                + config.modelType() + "' (supported: " + ClipVisionConfig.MODEL_TYPE + ", "
                + SiglipVisionConfig.MODEL_TYPE + ")");
    }
}
