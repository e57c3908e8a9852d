package io.vlm4j.config;

import java.util.List;

/**
 * A LLaVA-style composite config: a vision tower and a language model joined by a projector, the image features
 * taking the place of image placeholder tokens.
 *
 * <p>Implementations are immutable records.
 */
public interface MultimodalConfig extends ModelConfig {
    /** {@code vision_config}, dispatched on its own {@code model_type}. */
    VisionConfig visionConfig();

    /** {@code text_config}, dispatched on its own {@code model_type}. */
    TextConfig textConfig();

    /** {@code image_token_index}: the id of the image placeholder token. */
    int imageTokenIndex();

    /** {@code projector_hidden_act}: the projector's activation, an {@code ACT2FN} key. */
    String projectorHiddenAct();

    /** {@code vision_feature_select_strategy}: {@code default} drops the CLS feature, {@code full} keeps it. */
    String visionFeatureSelectStrategy();

    /**
     * {@code vision_feature_layer}: which hidden state(s) of the vision tower feed the projector (negative counts
     * from the end). HF 4.46 accepts only one integer, held here as a one-element list; the list form of later HF
     * versions (features of several layers concatenated) is kept for the families to accept or refuse.
     */
    List<Integer> visionFeatureLayer();

    /**
     * The top-level {@code tie_word_embeddings}. HF 4.46's LLaVA families tie weights through the language
     * model's own config ({@code textConfig().tieWordEmbeddings()}); this value is kept as the file has it.
     */
    boolean tieWordEmbeddings();
}
