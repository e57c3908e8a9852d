package io.vlm4j.config;

/**
 * What a ViT-style vision tower (CLIP, SigLIP) needs from its config, whatever its {@code model_type}.
 *
 * <p>Implementations are immutable records.
 */
public interface VisionConfig extends ModelConfig {
    /** {@code hidden_size}. */
    int hiddenSize();

    /** {@code intermediate_size}: the MLP's inner width. */
    int intermediateSize();

    /** {@code num_hidden_layers}; the tower yields this many + 1 hidden states (the embeddings first). */
    int numHiddenLayers();

    /** {@code num_attention_heads}. */
    int numAttentionHeads();

    /** {@code num_channels}: input channels of the patch embedding. */
    int numChannels();

    /** {@code image_size}: the square input side in pixels. */
    int imageSize();

    /** {@code patch_size}: the side of one patch in pixels. */
    int patchSize();

    /** {@code hidden_act}: the MLP's activation, an {@code ACT2FN} key. */
    String hiddenAct();

    /** {@code layer_norm_eps}. */
    double layerNormEps();
}
