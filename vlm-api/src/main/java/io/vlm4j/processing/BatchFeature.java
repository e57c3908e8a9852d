package io.vlm4j.processing;

import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a family's {@link Processor} produces for a batch, as HF's {@code BatchFeature} holds it — the tensors
 * under HF's names and dtypes, in HF's order — plus the prompts before expansion and one {@link MediaItem} per
 * image and video with every shape-deciding number as a Java int.
 *
 * <p>Tensors (those a family produces; the others are absent):
 * <ul>
 *   <li>{@value #INPUT_IDS}, {@value #ATTENTION_MASK}: int64 {@code [batch, sequence]}</li>
 *   <li>{@value #PIXEL_VALUES}: float32 {@code [images, 3, H, W]}, or {@code [images, max_patches, 3, H, W]} for
 *       anyres processors (base image, then tiles; zero rows after an image's real patches)</li>
 *   <li>{@value #IMAGE_SIZES}: int64 {@code [images, 2]}, height first (anyres processors)</li>
 *   <li>{@value #PIXEL_VALUES_VIDEOS}: float32 {@code [videos, frames, 3, H, W]}</li>
 *   <li>{@value #PIXEL_VALUES_IMAGES}: float32 {@code [images, 3, H, W]} (Video-LLaVA's name for its images)</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class BatchFeature {
    /** Token ids, int64 {@code [batch, sequence]}. */
    public static final String INPUT_IDS = "input_ids";
    /** 1 for real tokens, 0 for padding, int64 {@code [batch, sequence]}. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Image pixels, float32. */
    public static final String PIXEL_VALUES = "pixel_values";
    /** Original image sizes, int64 {@code [images, 2]} as (height, width). */
    public static final String IMAGE_SIZES = "image_sizes";
    /** Video pixels, float32 {@code [videos, frames, 3, H, W]}. */
    public static final String PIXEL_VALUES_VIDEOS = "pixel_values_videos";
    /** Video-LLaVA's image pixels, float32 {@code [images, 3, H, W]}. */
    public static final String PIXEL_VALUES_IMAGES = "pixel_values_images";

    private final Map<String, HostTensor> tensors;
    private final List<String> prompts;
    private final List<MediaItem> media;
    private final int batchSize;
    private final int sequenceLength;

    /**
     * A batch feature of these tensors (in this order), prompts and media items.
     *
     * @throws IllegalArgumentException if {@value #INPUT_IDS} or {@value #ATTENTION_MASK} is missing or not int64
     *     {@code [batch, sequence]}, the prompts are not one per row, or a media item lies outside its row
     */
    public BatchFeature(Map<String, HostTensor> tensors, List<String> prompts, List<MediaItem> media) {
        Map<String, HostTensor> copy = new LinkedHashMap<>(tensors);
        HostTensor ids = copy.get(INPUT_IDS);
        HostTensor mask = copy.get(ATTENTION_MASK);
        if (ids == null || mask == null) {
            throw new IllegalArgumentException("a batch feature needs " + INPUT_IDS + " and " + ATTENTION_MASK
                    + ", got " + copy.keySet());
        }
        if (ids.dtype() != DType.I64 || ids.rank() != 2) {
            throw new IllegalArgumentException(INPUT_IDS + " must be int64 [batch, sequence], got " + ids);
        }
        if (mask.dtype() != DType.I64 || !Arrays.equals(mask.shape(), ids.shape())) {
            throw new IllegalArgumentException(ATTENTION_MASK + " must be int64 " + Arrays.toString(ids.shape())
                    + ", got " + mask);
        }
        this.tensors = Collections.unmodifiableMap(copy);
        this.prompts = List.copyOf(prompts);
        this.media = List.copyOf(media);
        this.batchSize = ids.dim(0);
        this.sequenceLength = ids.dim(1);
        if (this.prompts.size() != batchSize) {
            throw new IllegalArgumentException(this.prompts.size() + " prompts for a batch of " + batchSize);
        }
        for (MediaItem m : this.media) {
            if (m.batchIndex() >= batchSize || m.tokenEnd() > sequenceLength) {
                throw new IllegalArgumentException(m + " lies outside the batch [" + batchSize + ", "
                        + sequenceLength + "]");
            }
        }
    }

    /** Every tensor by HF name, in HF's order. */
    public Map<String, HostTensor> tensors() {
        return tensors;
    }

    /** The tensor of an HF name, if this batch has it. */
    public Optional<HostTensor> find(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * The tensor of an HF name.
     *
     * @throws IllegalArgumentException naming the tensors there are if this batch has none of that name
     */
    public HostTensor get(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("this batch has no " + name + " (it has " + tensors.keySet() + ")");
        }
        return t;
    }

    /** {@value #INPUT_IDS}. */
    public HostTensor inputIds() {
        return tensors.get(INPUT_IDS);
    }

    /** {@value #ATTENTION_MASK}. */
    public HostTensor attentionMask() {
        return tensors.get(ATTENTION_MASK);
    }

    /** The prompts in the batch. */
    public int batchSize() {
        return batchSize;
    }

    /** The length of every row (after padding). */
    public int sequenceLength() {
        return sequenceLength;
    }

    /** The ids of one row, padding included. */
    public int[] ids(int row) {
        return row(inputIds(), row);
    }

    /** The attention mask of one row. */
    public int[] mask(int row) {
        return row(attentionMask(), row);
    }

    private int[] row(HostTensor t, int row) {
        Objects.checkIndex(row, batchSize);
        int[] out = new int[sequenceLength];
        LongBuffer b = t.data().asLongBuffer();
        for (int i = 0; i < sequenceLength; i++) {
            out[i] = Math.toIntExact(b.get(row * sequenceLength + i));
        }
        return out;
    }

    /** Each row's prompt as given to the tokenizer before media expansion (the rendered chat template). */
    public List<String> prompts() {
        return prompts;
    }

    /** Every image and video item, in prompt order (by row, then position). */
    public List<MediaItem> media() {
        return media;
    }

    /** The items of one kind, in prompt order. */
    public List<MediaItem> media(MediaKind kind) {
        return media.stream().filter(m -> m.kind() == kind).collect(Collectors.toUnmodifiableList());
    }

    /** The items of one row, in prompt order. */
    public List<MediaItem> media(int row) {
        Objects.checkIndex(row, batchSize);
        return media.stream().filter(m -> m.batchIndex() == row).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BatchFeature[");
        tensors.forEach((k, v) -> sb.append(k).append('=').append(v.dtype()).append(Arrays.toString(v.shape()))
                .append(", "));
        return sb.append(media.size()).append(" media items]").toString();
    }
}
