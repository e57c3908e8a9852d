package io.vlm4j.models.llava;

import io.vlm4j.ErrorCode;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.UnsupportedModelException;
import io.vlm4j.VlmException;
import io.vlm4j.config.LlamaConfig;
import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.config.Qwen2Config;
import io.vlm4j.config.TextConfig;
import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.model.Weights;
import io.vlm4j.models.clip.VisionTower;
import io.vlm4j.models.llama.LlamaForCausalLM;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.models.qwen2.Qwen2ForCausalLM;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * What the four families' {@code *ForConditionalGeneration} classes share, as each of HF's has it: the language
 * model ({@code AutoModelForCausalLM.from_config(config.text_config)}: {@link Qwen2ForCausalLM} or
 * {@link LlamaForCausalLM} by {@code text_config.model_type}, under {@code language_model}), to which the
 * generation loop's calls go, and the merge of the media features into its input embeddings
 * ({@code inputs_embeds.masked_scatter}, after the count check). A family adds its towers, projector and the
 * features of its image and video items.
 *
 * <p>The merge counts the placeholders of each kind in {@code input_ids} and the features of all items of that
 * kind, as upstream HF does since #34332 (2024-10-30): LLaVA and Video-LLaVA at the v4.46.0 branch point compared
 * one image's features with a row's tokens and raised on prompts with several images or frames (golden README).
 * HF's legacy path for prompts whose placeholders the processor did not expand (deprecated in 4.46, removed in
 * 4.47) is not implemented: vlm4j's processors always expand them.
 *
 * <p>Thread-safe: the weights are read-only; every call works in the scope it is given.
 */
public abstract class MultimodalModel implements VisionLanguageModel {
    private final MultimodalConfig config;
    private final Scope scope;
    private final CausalLanguageModel languageModel;

    /**
     * Loads {@code language_model.*} from {@code weights}; the model owns the scope of {@code weights} (and every
     * tower and projector a subclass loads into it) and closes it.
     *
     * @throws UnsupportedModelException if {@code text_config}'s {@code model_type} is neither llama nor qwen2
     */
    protected MultimodalModel(MultimodalConfig config, Weights weights) {
        this.config = Objects.requireNonNull(config, "config");
        this.scope = weights.scope();
        this.languageModel = languageModel(config.textConfig(), weights.under("language_model"));
    }

    /**
     * Builds a family's model in a new scope of the context's backend, closing that scope if loading fails.
     *
     * @param build the family's constructor over the checkpoint's weights in that scope
     */
    protected static <M extends MultimodalModel> M load(ModelContext context, Function<Weights, M> build) {
        Scope modelScope = context.backend().newScope();
        try {
            return build.apply(Weights.of(context.weights(), modelScope));
        } catch (RuntimeException | Error e) {
            modelScope.close();
            throw e;
        }
    }

    /** HF's {@code AutoModelForCausalLM.from_config(text_config)}. */
    private static CausalLanguageModel languageModel(TextConfig textConfig, Weights weights) {
        if (textConfig instanceof Qwen2Config) {
            return Qwen2ForCausalLM.load((Qwen2Config) textConfig, weights);
        }
        if (textConfig instanceof LlamaConfig) {
            return LlamaForCausalLM.load((LlamaConfig) textConfig, weights);
        }
        throw new UnsupportedModelException(textConfig.json().location() + ": no language model for model_type '"
                + textConfig.modelType() + "' (supported: " + LlamaConfig.MODEL_TYPE + ", " + Qwen2Config.MODEL_TYPE
                + ")");
    }

    @Override
    public MultimodalConfig config() {
        return config;
    }

    /** {@code language_model}: the decoder the merged embeddings go to. */
    public CausalLanguageModel languageModel() {
        return languageModel;
    }

    /** {@code video_token_index}, if the family has a video placeholder. */
    protected OptionalInt videoTokenIndex() {
        return OptionalInt.empty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Media features

    /**
     * The features of image items of {@code batch} (each of {@code batch.media(IMAGE)}), one
     * {@code [features, hidden_size]} per item, in the order given.
     */
    protected abstract List<Tensor> imageFeatures(Scope scope, BatchFeature batch, List<MediaItem> items);

    /**
     * The features of video items of {@code batch}, one {@code [features, hidden_size]} per item, in the order
     * given. The default refuses: a family without videos gets none from its processor.
     */
    protected List<Tensor> videoFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        throw new MediaMismatchException(getClass().getSimpleName() + " takes no video items (give a video's frames"
                + " as images), got " + items.size());
    }

    @Override
    public final List<Tensor> mediaFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
        List<MediaItem> images = new ArrayList<>();
        List<MediaItem> videos = new ArrayList<>();
        for (MediaItem item : items) {
            (item.kind() == MediaKind.IMAGE ? images : videos).add(item);
        }
        Map<MediaItem, Tensor> byItem = new HashMap<>();
        if (!images.isEmpty()) {
            put(byItem, images, imageFeatures(scope, batch, images));
        }
        if (!videos.isEmpty()) {
            put(byItem, videos, videoFeatures(scope, batch, videos));
        }
        List<Tensor> out = new ArrayList<>();
        for (MediaItem item : items) {
            out.add(byItem.get(item));
        }
        return out;
    }

    private void put(Map<MediaItem, Tensor> byItem, List<MediaItem> items, List<Tensor> features) {
        if (features.size() != items.size()) {
            throw new VlmException(ErrorCode.INTERNAL_ERROR, getClass().getSimpleName() + " made " + features.size()
                    + " feature tensors for " + items.size() + " items");
        }
        for (int i = 0; i < items.size(); i++) {
            byItem.put(items.get(i), features.get(i));
        }
    }

    /**
     * The rows of a pixel tensor of {@code batch} that belong to {@code items} ({@link MediaItem#index()}), in
     * their order, uploaded into {@code scope}.
     *
     * @throws MediaMismatchException if the batch has no such tensor or too few rows
     */
    protected static Tensor pixelRows(Scope scope, BatchFeature batch, String name, List<MediaItem> items) {
        HostTensor host = batch.find(name).orElseThrow(() -> new MediaMismatchException("the batch has "
                + items.size() + " " + items.get(0).kind().word() + " item(s) but no " + name + " (it has "
                + batch.tensors().keySet() + ")"));
        long[] rows = new long[items.size()];
        boolean all = items.size() == host.dim(0);
        for (int i = 0; i < rows.length; i++) {
            int index = items.get(i).index();
            if (index >= host.dim(0)) {
                throw new MediaMismatchException(name + " holds " + host.dim(0) + " rows, but " + items.get(i)
                        + " is row " + index);
            }
            rows[i] = index;
            all &= index == i;
        }
        Tensor pixels = scope.upload(host); // [items, ...]
        return all ? pixels : scope.indexSelect(pixels, 0, scope.constant(rows, rows.length));
    }

    /**
     * What every family's {@code get_image_features} selects before its projector:
     * {@code vision_tower(pixel_values, output_hidden_states=True).hidden_states[vision_feature_layer]}, without its
     * first position ({@code [:, 1:]}) for the {@code "default"} strategy; several layers (later HF's list form)
     * side by side on the last dimension, each cropped alike.
     *
     * @param pixelValues {@code [batch, num_channels, image_size, image_size]}
     * @return {@code [batch, seq_len (- 1 for "default"), vision hidden_size * layers]}
     */
    protected Tensor selectImageFeature(Scope scope, VisionTower tower, Tensor pixelValues,
            String visionFeatureSelectStrategy) {
        List<Tensor> hsPool = tower.hiddenStates(scope, pixelValues, config.visionFeatureLayer()); // [batch, seq_len, hidden_size] each
        if (ProcessorConfig.DEFAULT_STRATEGY.equals(visionFeatureSelectStrategy)) {
            List<Tensor> cropped = new ArrayList<>();
            for (Tensor hs : hsPool) {
                cropped.add(scope.slice(hs, 1, 1, hs.dim(1))); // [batch, seq_len - 1, hidden_size]
            }
            hsPool = cropped;
        }
        return hsPool.size() == 1 ? hsPool.get(0) : scope.cat(hsPool, -1); // [batch, seq_len', hidden_size * layers]
    }

    /** {@code torch.split(features, sizes, dim=0)}: consecutive blocks of {@code sizes[i]} rows. */
    protected static List<Tensor> split(Scope scope, Tensor features, int[] sizes) {
        List<Tensor> out = new ArrayList<>();
        int start = 0;
        for (int size : sizes) {
            out.add(sizes.length == 1 ? features : scope.slice(features, 0, start, start + size));
            start += size;
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The merge

    @Override
    public final Tensor inputsEmbeds(Scope scope, BatchFeature batch, List<Tensor> mediaFeatures) {
        if (mediaFeatures.size() != batch.media().size()) {
            throw new IllegalArgumentException(mediaFeatures.size() + " feature tensors for the " + batch.media().size()
                    + " media items of the batch");
        }
        Tensor inputIds = scope.upload(batch.inputIds()); // [batch, sequence]
        Tensor inputsEmbeds = embedTokens(scope, inputIds); // [batch, sequence, hidden_size]
        inputsEmbeds = scatter(scope, batch, mediaFeatures, inputIds, inputsEmbeds, MediaKind.IMAGE,
                OptionalInt.of(config.imageTokenIndex()));
        inputsEmbeds = scatter(scope, batch, mediaFeatures, inputIds, inputsEmbeds, MediaKind.VIDEO,
                videoTokenIndex());
        return inputsEmbeds;
    }

    /** {@code inputs_embeds.masked_scatter(input_ids == token_index, features)} for the items of one kind. */
    private Tensor scatter(Scope scope, BatchFeature batch, List<Tensor> mediaFeatures, Tensor inputIds,
            Tensor inputsEmbeds, MediaKind kind, OptionalInt tokenIndex) {
        List<Tensor> features = new ArrayList<>();
        int nFeatures = 0;
        for (int i = 0; i < batch.media().size(); i++) {
            if (batch.media().get(i).kind() == kind) {
                Tensor f = mediaFeatures.get(i); // [features, hidden_size]
                features.add(f);
                nFeatures += f.dim(0);
            }
        }
        if (features.isEmpty()) {
            return inputsEmbeds;
        }
        if (tokenIndex.isEmpty()) {
            throw new MediaMismatchException(getClass().getSimpleName() + " has no " + kind.word()
                    + " placeholder, but the batch has " + features.size() + " " + kind.word() + " item(s)");
        }
        int nTokens = countTokens(batch, tokenIndex.getAsInt());
        if (nTokens != nFeatures) {
            String word = kind == MediaKind.IMAGE ? "Image" : "Video";
            throw new MediaMismatchException(word + " features and " + kind.word() + " tokens do not match: tokens: "
                    + nTokens + ", features " + nFeatures);
        }
        Tensor specialMask = scope.eq(inputIds, tokenIndex.getAsInt()); // [batch, sequence]
        Tensor all = features.size() == 1 ? features.get(0) : scope.cat(features, 0); // [n_features, hidden_size]
        return scope.maskedScatter(inputsEmbeds, specialMask, all); // [batch, sequence, hidden_size]
    }

    /** {@code (input_ids == token_index).sum()}, on the batch's ids (Java ints: nothing is read back). */
    private static int countTokens(BatchFeature batch, int tokenIndex) {
        int n = 0;
        for (int row = 0; row < batch.batchSize(); row++) {
            for (int id : batch.ids(row)) {
                n += id == tokenIndex ? 1 : 0;
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The language model, for the generation loop

    @Override
    public final int vocabSize() {
        return languageModel.vocabSize();
    }

    @Override
    public final int hiddenSize() {
        return languageModel.hiddenSize();
    }

    @Override
    public final int maxPositionEmbeddings() {
        return languageModel.maxPositionEmbeddings();
    }

    @Override
    public final Scope newScope() {
        return languageModel.newScope();
    }

    @Override
    public final Tensor embedTokens(Scope scope, Tensor inputIds) {
        return languageModel.embedTokens(scope, inputIds);
    }

    @Override
    public final KvCache newCache(Scope scope, int batchSize, int maxLength) {
        return languageModel.newCache(scope, batchSize, maxLength);
    }

    @Override
    public final Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds,
            KvCache pastKeyValues, int numLogitsToKeep) {
        return languageModel.forward(scope, inputsEmbeds, attentionMask, positionIds, pastKeyValues, numLogitsToKeep);
    }

    /** Frees every weight (towers, projector, language model). Idempotent. */
    @Override
    public final void close() {
        scope.close();
    }
}
