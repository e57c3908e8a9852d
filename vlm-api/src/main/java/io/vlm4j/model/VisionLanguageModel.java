package io.vlm4j.model;

import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.List;

/**
 * A vision-language model of the LLaVA families (HF's {@code *ForConditionalGeneration}): vision tower(s) and a
 * projector in front of a {@link CausalLanguageModel}, which it is to the generation loop. The prefill takes
 * {@link #inputsEmbeds(Scope, BatchFeature)} — the prompt's token embeddings with each media item's features
 * scattered into its placeholder positions, what HF's forward hands its language model — and every decode step
 * embeds its token with {@link #embedTokens}.
 *
 * <p>A media item's features depend only on its own pixels and geometry (never on the text or on other items),
 * so {@link #mediaFeatures(Scope, BatchFeature, List)} may compute them once, in a scope that outlives one turn,
 * and {@link #inputsEmbeds(Scope, BatchFeature, List)} reuse them for a later prompt that holds the same item.
 * Every number that decides a shape comes from the batch's {@link MediaItem}s and ids, never from tensor values.
 *
 * <p>Thread-safe: the weights are read-only and every call works in the scope it is given. {@link #close()}
 * frees the weights.
 */
public interface VisionLanguageModel extends CausalLanguageModel {
    /** The checkpoint's config. */
    MultimodalConfig config();

    /**
     * The features of some media items of {@code batch} (HF's {@code get_image_features} /
     * {@code get_video_features}, then packing, pooling and newlines as the family does): one F32 tensor
     * {@code [features, hidden_size]} per item, in the order given, made in {@code scope}. For a batch whose
     * processor and model agree, {@code features} is the item's {@link MediaItem#tokenCount()}.
     *
     * @param items items of {@code batch.media()}
     * @throws io.vlm4j.MediaMismatchException if the batch lacks the pixels of an item, or they do not fit the
     *     vision tower
     */
    List<Tensor> mediaFeatures(Scope scope, BatchFeature batch, List<MediaItem> items);

    /** The features of every media item of {@code batch}, in {@code batch.media()} order. */
    default List<Tensor> mediaFeatures(Scope scope, BatchFeature batch) {
        return mediaFeatures(scope, batch, batch.media());
    }

    /**
     * HF's {@code inputs_embeds} after the merge: {@code embed_tokens(input_ids)} F32 {@code [batch, sequence,
     * hidden_size]} whose image placeholder positions, in order, take the image items' features and whose video
     * placeholder positions the video items' ({@code inputs_embeds.masked_scatter}), in {@code scope}.
     *
     * @param mediaFeatures one tensor per item of {@code batch.media()}, in that order, as
     *     {@link #mediaFeatures} makes them (possibly in another scope, or for an earlier batch holding the same item)
     * @throws io.vlm4j.MediaMismatchException naming both counts if the placeholders of a kind are not as many as
     *     its features (HF's "Image features and image tokens do not match: tokens: X, features Y")
     */
    Tensor inputsEmbeds(Scope scope, BatchFeature batch, List<Tensor> mediaFeatures);

    /** {@link #inputsEmbeds(Scope, BatchFeature, List)} with every item's features computed in {@code scope}. */
    default Tensor inputsEmbeds(Scope scope, BatchFeature batch) {
        return inputsEmbeds(scope, batch, mediaFeatures(scope, batch));
    }
}
