package io.vlm4j.models.llava;

import io.vlm4j.chat.Conversation;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.models.processing.DecodedMedia;
import io.vlm4j.models.processing.MediaExpansion;
import io.vlm4j.models.processing.MediaInputs;
import io.vlm4j.models.processing.ProcessedMedia;
import io.vlm4j.models.processing.ProcessorConfig;
import io.vlm4j.models.processing.ProcessorMixin;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HF's {@code LlavaProcessor} (LLaVA-1.5, LLaVA-Interleave): an image processor ({@code AutoImageProcessor}: the
 * class {@code image_processor_type} names) and a tokenizer; each {@code <image>} expands to
 * {@code (H / patch_size) * (W / patch_size) + 1} tokens, one less for the {@code "default"} strategy, {@code H x W}
 * being the processed size ({@code pixel_values[0]}).
 *
 * <p>The strategy is the <em>processor's</em> ({@code processor_config.json}), not the model's: the interleave
 * checkpoints say "default" there and "full" in config.json, and SigLIP has no CLS feature, so both sides count
 * 729 features per 384-pixel image (golden README, "Token counts").
 *
 * <p>LLaVA has no video placeholder. In chat messages a video item becomes one image item per sampled frame
 * before the chat template runs (LLaVA-Interleave's convention, golden README behaviour 1), and its frames take
 * its place among the images; in the raw form, give the frames as images.
 *
 * <p>Immutable and thread-safe.
 *
 * @see <a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/models/llava/processing_llava.py">processing_llava.py</a>
 */
public final class LlavaProcessor extends ProcessorMixin {
    private final ImageProcessor imageProcessor;
    private final int patchSize;
    private final String visionFeatureSelectStrategy;

    private LlavaProcessor(ProcessorContext context, Tokenizer tokenizer, ProcessorConfig config,
            ImageProcessor imageProcessor, int patchSize, String visionFeatureSelectStrategy) {
        super("LlavaProcessor", context, tokenizer, config, false);
        this.imageProcessor = imageProcessor;
        this.patchSize = patchSize;
        this.visionFeatureSelectStrategy = visionFeatureSelectStrategy;
    }

    /**
     * The processor of a checkpoint ({@code LlavaProcessor.from_pretrained}).
     *
     * @throws io.vlm4j.ConfigException naming the file and key of a missing or bad value
     */
    public static LlavaProcessor fromPretrained(ProcessorContext context) {
        ProcessorConfig config = ProcessorConfig.read(context);
        int patchSize = config.requirePositiveInt("patch_size");
        String strategy = config.visionFeatureSelectStrategy();
        ConfigNode preprocessor = preprocessorConfig(context);
        ImageProcessor images = context.imageProcessor(imageProcessorType(preprocessor), preprocessor);
        return withTokenizer(context,
                tokenizer -> new LlavaProcessor(context, tokenizer, config, images, patchSize, strategy));
    }

    /** {@code patch_size}. */
    public int patchSize() {
        return patchSize;
    }

    /** {@code vision_feature_select_strategy} of the processor. */
    public String visionFeatureSelectStrategy() {
        return visionFeatureSelectStrategy;
    }

    @Override
    protected ProcessedMedia processMedia(List<RgbImage> images, List<VideoFrames> videos) {
        ProcessedImages processed = imageProcessor.preprocess(images);
        ImageSize size = lastTwoDims(processed.pixelValues());
        int numImageTokens = (size.height() / patchSize) * (size.width() / patchSize) + 1
                - strategyAdjustment(visionFeatureSelectStrategy);
        List<MediaExpansion> expansions = new ArrayList<>();
        int[] patches = processed.patchesPerImage();
        for (int i = 0; i < images.size(); i++) {
            expansions.add(new MediaExpansion(processed.imageSizes().get(i), size, patches[i], 1, null,
                    numImageTokens));
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put(BatchFeature.PIXEL_VALUES, processed.pixelValues());
        return new ProcessedMedia(tensors, expansions, List.of());
    }

    /** Each video item becomes {@code frames} image items ({@code {"type": "image"}}), in its place. */
    @Override
    protected List<Object> templateMessages(Conversation conversation, int[] framesPerVideo) {
        List<Object> out = new ArrayList<>();
        int video = 0;
        for (Object message : conversation.templateMessages()) {
            if (!(message instanceof Map) || !(((Map<?, ?>) message).get("content") instanceof List)) {
                out.add(message);
                continue;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) message).forEach((k, v) -> copy.put(String.valueOf(k), v));
            List<Object> items = new ArrayList<>();
            for (Object item : (List<?>) copy.get("content")) {
                if (item instanceof Map && "video".equals(((Map<?, ?>) item).get("type"))) {
                    for (int f = 0; f < framesPerVideo[video]; f++) {
                        Map<String, Object> image = new LinkedHashMap<>();
                        image.put("type", "image");
                        items.add(image);
                    }
                    video++;
                } else {
                    items.add(item);
                }
            }
            copy.put("content", items);
            out.add(copy);
        }
        return out;
    }

    @Override
    protected boolean templateNeedsFrameCounts() {
        return true;
    }

    /** Images and video frames together, in message order: a video's frames take its place. */
    @Override
    protected MediaInputs mediaInputs(List<DecodedMedia> media) {
        List<RgbImage> images = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (DecodedMedia m : media) {
            if (m.kind() == MediaKind.IMAGE) {
                images.add(m.image());
                sources.add(m.sourceIndex());
            } else {
                for (RgbImage frame : m.video().frames()) {
                    images.add(frame);
                    sources.add(m.sourceIndex());
                }
            }
        }
        return new MediaInputs(images, sources, List.of(), List.of());
    }
}
