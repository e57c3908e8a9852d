package io.vlm4j.models.llava;

import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.model.Activation;
import io.vlm4j.model.Linear;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code LlavaMultiModalProjector}: {@code linear_2(act(linear_1(image_features)))}, from the vision tower's
 * width to the language model's, the activation {@code projector_hidden_act}. Also HF's
 * {@code LlavaOnevisionMultiModalProjector}, {@code LlavaNextVideoMultiModalProjector} and
 * {@code VideoLlavaMultiModalProjector}, which are copies. With several {@code vision_feature_layer}s (the list form
 * of later HF versions) {@code linear_1} takes their features side by side: {@code hidden_size * layers} wide.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava/modeling_llava.py">
 * modeling_llava.py</a> at v4.46.0. Immutable.
 */
public final class LlavaMultiModalProjector {
    private final Linear linear1; // [text hidden_size, vision hidden_size * layers]
    private final Activation act;
    private final Linear linear2; // [text hidden_size, text hidden_size]

    /** Loads {@code <prefix>.linear_1} and {@code <prefix>.linear_2}, each with a bias. */
    public LlavaMultiModalProjector(MultimodalConfig config, Weights weights, String prefix) {
        int in = config.visionConfig().hiddenSize() * config.visionFeatureLayer().size();
        int out = config.textConfig().hiddenSize();
        this.linear1 = Linear.load(weights, prefix + ".linear_1", in, out, true);
        this.act = Activation.of(config.projectorHiddenAct(), config.json().get("projector_hidden_act").location());
        this.linear2 = Linear.load(weights, prefix + ".linear_2", out, out, true);
    }

    /** {@code [..., vision hidden_size * layers]} → {@code [..., text hidden_size]}. */
    public Tensor forward(Scope scope, Tensor imageFeatures) {
        Tensor hiddenStates = linear1.forward(scope, imageFeatures); // [..., text hidden_size]
        hiddenStates = act.apply(scope, hiddenStates); // [..., text hidden_size]
        hiddenStates = linear2.forward(scope, hiddenStates); // [..., text hidden_size]
        return hiddenStates;
    }
}
