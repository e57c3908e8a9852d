package io.vlm4j.models.siglip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.CLIPEncoder;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;

/**
 * HF's {@code SiglipVisionTransformer}: embeddings and the encoder ({@code SiglipEncoder}, copied from
 * {@link CLIPEncoder}). Its {@code post_layernorm} only makes {@code last_hidden_state} and its attention-pooling
 * {@code head} only {@code pooler_output}; the LLaVA families read {@code hidden_states}, which neither touches,
 * so neither is loaded: {@code hidden_states[-1]} is the last layer's output before {@code post_layernorm}.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/siglip/modeling_siglip.py">
 * modeling_siglip.py</a> at v4.46.0. Immutable.
 */
public final class SiglipVisionTransformer {
    private final SiglipVisionEmbeddings embeddings;
    private final CLIPEncoder encoder;

    /** Loads {@code <prefix>.embeddings} and {@code <prefix>.encoder}. */
    public SiglipVisionTransformer(VisionConfig config, Weights weights, String prefix) {
        this.embeddings = new SiglipVisionEmbeddings(config, weights, prefix + ".embeddings");
        this.encoder = new CLIPEncoder(config, weights, prefix + ".encoder", SiglipAttention::new);
    }

    /** {@code num_patches}. */
    public int numPositions() {
        return embeddings.numPositions();
    }

    /**
     * The encoder's hidden states at {@code indices} (each in {@code 0 .. num_hidden_layers}) of
     * {@code pixelValues [batch, num_channels, image_size, image_size]}: {@code [batch, num_patches, hidden_size]}
     * each.
     */
    public List<Tensor> hiddenStates(Scope scope, Tensor pixelValues, int[] indices) {
        Tensor hiddenStates = embeddings.forward(scope, pixelValues); // [batch, num_patches, hidden_size]
        return encoder.hiddenStates(scope, hiddenStates, indices);
    }
}
