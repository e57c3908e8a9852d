package io.vlm4j.processing;

import io.vlm4j.chat.Conversation;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.text.Tokenizer;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model family's processor, as HF's {@code ProcessorMixin} subclasses ({@code LlavaOnevisionProcessor}, …): chat
 * messages with images and videos in, the model's {@link BatchFeature} out — the chat template rendered, the text
 * tokenized, each {@code <image>} / {@code <video>} placeholder expanded to exactly as many tokens as the model
 * produces features for it, the pixels processed.
 *
 * <p>Obtain one with {@code AutoProcessor.fromPretrained(dir)} (vlm-runtime). Thread-safe. Holds the tokenizer:
 * close it when done ({@link #close()} is idempotent).
 */
public interface Processor extends AutoCloseable {
    /**
     * Renders the chat template for a conversation ({@code processor.apply_chat_template(messages, …)}): the
     * prompt before media expansion. Videos are opened only where their frame count changes the prompt
     * (LLaVA-Interleave, whose frames become image items).
     *
     * @throws io.vlm4j.TemplateException if the checkpoint has no chat template or the template fails
     */
    String applyChatTemplate(Conversation conversation, ChatOptions options);

    /**
     * Processes one conversation: decodes its media (or takes {@link ChatOptions#videoFrames()}), renders the
     * template, and processes the prompt with the media in message order.
     *
     * @throws io.vlm4j.MediaMismatchException if the rendered prompt's placeholders do not match the media
     */
    default BatchFeature apply(Conversation conversation, ChatOptions options) {
        return apply(List.of(conversation), options);
    }

    /**
     * Processes a batch of conversations, one prompt each, padded as {@link ChatOptions#padding()} says.
     *
     * @throws io.vlm4j.MediaMismatchException if a rendered prompt's placeholders do not match its media
     */
    BatchFeature apply(List<Conversation> conversations, ChatOptions options);

    /**
     * HF's raw form, {@code processor(text=…, images=…, videos=…, padding=…)}: prompts that already hold their
     * {@code <image>} and {@code <video>} placeholders, the images in the order of the {@code <image>}
     * placeholders over the whole batch, the videos in the order of the {@code <video>} ones.
     *
     * @throws io.vlm4j.MediaMismatchException naming both counts if the placeholders of a kind are not as many as
     *     the media of that kind (or the family has no placeholder for a kind given)
     */
    BatchFeature process(List<String> text, List<RgbImage> images, List<VideoFrames> videos, Padding padding);

    /** {@link #process(List, List, List, Padding)} of one prompt. */
    default BatchFeature process(String text, List<RgbImage> images, List<VideoFrames> videos) {
        return process(List.of(text), images, videos, Padding.none());
    }

    /** HF's {@code processor.decode(ids, skip_special_tokens=…)}. */
    default String decode(int[] ids, boolean skipSpecialTokens) {
        return tokenizer().decode(ids, skipSpecialTokens);
    }

    /** HF's {@code processor.batch_decode(ids, skip_special_tokens=…)}. */
    default List<String> batchDecode(List<int[]> ids, boolean skipSpecialTokens) {
        return ids.stream().map(i -> decode(i, skipSpecialTokens)).collect(Collectors.toList());
    }

    /** The tokenizer this processor encodes with. */
    Tokenizer tokenizer();

    /** The chat template's source, if the checkpoint has one. */
    Optional<String> chatTemplate();

    /** Closes the tokenizer. Idempotent. */
    @Override
    void close();
}
