package io.vlm4j.models.clip;

import io.vlm4j.config.VisionConfig;
import io.vlm4j.model.Weights;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;

/**
 * HF's {@code CLIPVisionTransformer}: embeddings, {@code pre_layrnorm} (HF's spelling), the encoder. Its
 * {@code post_layernorm} only makes {@code pooler_output} (the class token's state), which the LLaVA families
 * never read; it is not loaded.
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/clip/modeling_clip.py">
 * modeling_clip.py</a> at v4.46.0. Immutable.
 */
public final class CLIPVisionTransformer {
    private final CLIPVisionEmbeddings embeddings;
    private final LayerNorm preLayrnorm;
    private final CLIPEncoder encoder;

    /** Loads {@code <prefix>.embeddings}, {@code <prefix>.pre_layrnorm} and {@code <prefix>.encoder}. */
    public CLIPVisionTransformer(VisionConfig config, Weights weights, String prefix) {
        this.embeddings = new CLIPVisionEmbeddings(config, weights, prefix + ".embeddings");
        this.preLayrnorm = LayerNorm.load(weights, prefix + ".pre_layrnorm", config.hiddenSize(),
                config.layerNormEps());
        this.encoder = new CLIPEncoder(config, weights, prefix + ".encoder", CLIPAttention::new);
    }

    /** {@code num_patches + 1}. */
    public int numPositions() {
        return embeddings.numPositions();
    }

    /**
     * The encoder's hidden states at {@code indices} (each in {@code 0 .. num_hidden_layers}) of
     * {@code pixelValues [batch, num_channels, image_size, image_size]}: {@code [batch, num_patches + 1,
     * hidden_size]} each.
     */
    public List<Tensor> hiddenStates(Scope scope, Tensor pixelValues, int[] indices) {
        Tensor hiddenStates = embeddings.forward(scope, pixelValues); // [batch, num_patches + 1, hidden_size]
        hiddenStates = preLayrnorm.forward(scope, hiddenStates); // [batch, num_patches + 1, hidden_size]
        return encoder.hiddenStates(scope, hiddenStates, indices);
    }
}
