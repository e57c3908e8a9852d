package io.vlm4j.runtime;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.VideoDecoder;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.generation.Detokenizer;
import io.vlm4j.runtime.generation.Generation;
import io.vlm4j.runtime.generation.Prompt;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A multi-turn chat about images and videos: user turns with the media {@linkplain #attach attached} to them,
 * the model's answers, and the work done for media already seen kept for later turns.
 *
 * <pre>{@code
 * try (ChatSession chat = ChatSession.of(vlm)) {
 *     chat.attach(Content.video(Path.of("cats.mp4")));
 *     chat.ask("What happens?", GenerationConfig.greedy(128), System.out::print);
 *     chat.ask("Why is it funny?", GenerationConfig.greedy(128), System.out::print);  // no vision tower run
 * }
 * }</pre>
 *
 * <p>Each turn processes the whole conversation (the system message, every earlier user turn with its media,
 * the answers as assistant text, then the new turn) with the checkpoint's processor, exactly as
 * {@link VlmPipeline#generate} would, so the answer is the one an uncached generation over that conversation
 * gives. What is not redone: a medium is decoded once, when it is attached (a video's sampled frames, an
 * image's pixels), and its vision features ({@link VisionLanguageModel#mediaFeatures}) are computed once, the
 * first turn that holds it; later turns merge the cached features ({@link VisionLanguageModel#inputsEmbeds(Scope,
 * BatchFeature, List)}), which is sound because an item's features depend only on its own pixels and geometry.
 * Media are the same when they have the same kind, source (a file's absolute path, a URL, the same bytes or
 * decoded pixels) and frame sampling. The features live in a scope of the session's own (native memory),
 * freed by {@link #reset()} and {@link #close()}.
 *
 * <p>One per conversation, not thread-safe: one turn at a time. Many sessions may share one model. Closing a
 * session does not close the pipeline or model it was made from.
 */
public final class ChatSession implements AutoCloseable {
    private final Processor processor;
    private final VisionLanguageModel model;
    private final GenerationConfig generationDefaults;
    private final ChatOptions chatOptions;
    private final Generation generation;
    private final Registries registries;
    private VideoDecoderProvider decoder;
    private String system;
    private final List<Message> history = new ArrayList<>();
    private final List<MediaKey> historyMedia = new ArrayList<>();
    private final List<Attached> pending = new ArrayList<>();
    private final Map<MediaKey, Content> decoded = new HashMap<>();
    private final Map<ItemKey, Tensor> features = new HashMap<>();
    private Scope cache;
    private boolean closed;

    private ChatSession(Processor processor, VisionLanguageModel model, GenerationConfig generationDefaults,
            ChatOptions chatOptions, Registries registries) {
        this.processor = Objects.requireNonNull(processor, "processor");
        this.model = Objects.requireNonNull(model, "model");
        this.generationDefaults = Objects.requireNonNull(generationDefaults, "generationDefaults");
        this.chatOptions = Objects.requireNonNull(chatOptions, "chatOptions");
        this.registries = Objects.requireNonNull(registries, "registries");
        this.generation = new Generation(model, Detokenizer.of(processor.tokenizer()));
    }

    /** A chat with a pipeline's processor and model, its generation config and its default frame sampling. */
    public static ChatSession of(VlmPipeline pipeline) {
        return new ChatSession(pipeline.processor(), pipeline.model(), pipeline.generationConfig(),
                pipeline.chatOptions(), pipeline.registries());
    }

    /**
     * A chat with this processor and model, media decoded by the {@linkplain Registries#defaults() default
     * registries'} decoder.
     *
     * @param generationDefaults the checkpoint's generation config, which fills the special tokens a turn's config
     *     leaves unset ({@link VlmPipeline#generationConfig()})
     * @param chatOptions how the processor renders each turn ({@link ChatOptions#defaults()}, perhaps with another
     *     frame sampling; its {@link ChatOptions#videoFrames() video frames} must be empty: the session supplies
     *     the decoded media itself)
     */
    public static ChatSession of(Processor processor, VisionLanguageModel model, GenerationConfig generationDefaults,
            ChatOptions chatOptions) {
        if (!chatOptions.videoFrames().isEmpty()) {
            throw new IllegalArgumentException("a chat session decodes its own videos: give chat options without"
                    + " video frames (got " + chatOptions.videoFrames().size() + ")");
        }
        return new ChatSession(processor, model, generationDefaults, chatOptions, Registries.defaults());
    }

    /**
     * Sets the system message that opens the conversation ({@code null}: none); it is kept by {@link #reset()}.
     */
    public ChatSession system(String text) {
        requireOpen();
        this.system = text;
        return this;
    }

    /**
     * Attaches an image or a video to the next user turn, after those attached before it, and decodes it now
     * (once per distinct medium in the session: a video's frames with its own sampling, else the session's).
     *
     * @throws VlmException ({@link ErrorCode#INVALID_ARGUMENT}) if {@code media} is text
     * @throws io.vlm4j.VideoDecodeException naming the source if a video cannot be opened or decoded
     * @throws io.vlm4j.ImageDecodeException naming the source if an image cannot be decoded
     * @throws io.vlm4j.UnsupportedCapabilityException if no installed decoder reads this kind of source
     */
    public void attach(Content media) {
        Objects.requireNonNull(media, "media");
        requireOpen();
        if (media instanceof Content.Text) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, "attach takes an image or a video; the text of a"
                    + " turn goes to ask(), got text \"" + ((Content.Text) media).text() + "\"");
        }
        MediaKey key = MediaKey.of(media, chatOptions.frameSampling());
        Content pixels = decoded.get(key);
        if (pixels == null) {
            pixels = decode(media, key);
            decoded.put(key, pixels);
        }
        pending.add(new Attached(key, pixels));
    }

    /**
     * Asks the next user turn — the attached media, then {@code text} — and answers it, giving {@code pieces} each
     * piece of text as it forms. The turn and its answer join the history only if it succeeds; on an error the
     * attached media stay attached for the next try ({@link #reset()} drops them).
     *
     * @param config how to generate; its unset end-of-sequence, padding and start tokens come from the
     *     checkpoint's generation config
     * @throws io.vlm4j.MediaMismatchException if the rendered prompt's placeholders do not match the media (a
     *     literal {@code <image>} in the text, a medium the family cannot take)
     * @throws io.vlm4j.TemplateException if the chat template refuses the conversation
     */
    public GenerationResult ask(String text, GenerationConfig config, Consumer<String> pieces) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pieces, "pieces");
        requireOpen();
        List<Content> content = new ArrayList<>();
        List<MediaKey> media = new ArrayList<>(historyMedia);
        for (Attached a : pending) {
            content.add(a.pixels());
            media.add(a.key());
        }
        content.add(Content.text(text));
        Message user = new Message("user", content);
        List<Message> messages = new ArrayList<>();
        if (system != null) {
            messages.add(Message.system(system));
        }
        messages.addAll(history);
        messages.add(user);
        // decode (done at attach) → render the chat template → tokenize → process pixels → expand placeholders
        BatchFeature batch = processor.apply(Conversation.of(messages), chatOptions);
        // model: the vision features of the media not seen before, then every item's merged into the text
        List<Tensor> itemFeatures = features(batch, media);
        Prompt prompt = Prompt.of(batch.ids(0), scope -> model.inputsEmbeds(scope, batch, itemFeatures));
        GenerationResult result = generation.generate(prompt, config.withSpecialTokensFrom(generationDefaults),
                pieces);
        history.add(user);
        history.add(Message.assistant(result.text()));
        historyMedia.addAll(media.subList(historyMedia.size(), media.size()));
        pending.clear();
        return result;
    }

    /** {@link #ask(String, GenerationConfig, Consumer)} without streaming. */
    public GenerationResult ask(String text, GenerationConfig config) {
        return ask(text, config, piece -> { });
    }

    /**
     * Forgets the history, the attached media and everything cached for them, freeing the cached features' native
     * memory now; the system message stays.
     */
    public void reset() {
        requireOpen();
        clear();
    }

    /** Frees the cached features and forgets the conversation. Idempotent; the pipeline stays open. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            clear();
        }
    }

    private void clear() {
        history.clear();
        historyMedia.clear();
        pending.clear();
        decoded.clear();
        features.clear();
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this chat session is closed");
        }
    }

    /**
     * The features of every item of {@code batch}, in {@code batch.media()} order: cached ones as they are, the
     * others computed (all in one call) and kept. {@code media} is the key of each medium of the conversation in
     * message order, which {@link MediaItem#sourceIndex()} indexes; the items of one medium (a video's frames as
     * LLaVA-Interleave's images) are told apart by their order.
     */
    private List<Tensor> features(BatchFeature batch, List<MediaKey> media) {
        List<ItemKey> keys = new ArrayList<>();
        List<MediaItem> missing = new ArrayList<>();
        List<ItemKey> missingKeys = new ArrayList<>();
        Map<Integer, Integer> ordinals = new HashMap<>();
        for (MediaItem item : batch.media()) {
            if (item.sourceIndex() >= media.size()) {
                throw new VlmException(ErrorCode.INTERNAL_ERROR, "the processor gave a " + item.kind().word()
                        + " item of medium " + item.sourceIndex() + " for a conversation of " + media.size()
                        + " media");
            }
            int ordinal = ordinals.merge(item.sourceIndex(), 1, Integer::sum) - 1;
            ItemKey key = new ItemKey(media.get(item.sourceIndex()), ordinal);
            keys.add(key);
            if (!features.containsKey(key) && !missingKeys.contains(key)) {
                missing.add(item);
                missingKeys.add(key);
            }
        }
        if (!missing.isEmpty()) {
            if (cache == null) {
                cache = model.newScope();
            }
            try (Scope work = cache.newScope()) {
                List<Tensor> computed = model.mediaFeatures(work, batch, missing); // each [features, hidden_size]
                for (int i = 0; i < missing.size(); i++) {
                    features.put(missingKeys.get(i), computed.get(i).moveTo(cache));
                }
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (ItemKey key : keys) {
            out.add(features.get(key));
        }
        return out;
    }

    /** The medium's pixels: decoded now from its source, or as given. */
    private Content decode(Content media, MediaKey key) {
        if (media instanceof Content.Image) {
            Content.Image image = (Content.Image) media;
            if (image.decoded() != null) {
                return image;
            }
            return Content.image(decoder(image.source(), VideoDecoderProvider.Capability.IMAGES)
                    .decodeImage(image.source()));
        }
        Content.Video video = (Content.Video) media;
        if (video.decoded() != null) {
            return video;
        }
        try (VideoDecoder d = decoder(video.source(), null).open(video.source())) {
            return Content.video(d.decode(key.sampling()));
        }
    }

    /** The media decoder, checked to read this kind of source (and, for images, stills). */
    private VideoDecoderProvider decoder(MediaSource source, VideoDecoderProvider.Capability kind) {
        if (decoder == null) {
            decoder = CheckpointProcessorContext.mediaDecoder(registries);
        }
        if (kind != null) {
            Registry.requireCapability(decoder, kind);
        }
        Registry.requireCapability(decoder, source instanceof MediaSource.File ? VideoDecoderProvider.Capability.FILES
                : source instanceof MediaSource.Url ? VideoDecoderProvider.Capability.URLS
                        : VideoDecoderProvider.Capability.BYTES);
        return decoder;
    }

    /**
     * What makes two media the same: kind, source and (videos) frame sampling.
     *
     * @param source a file's absolute normalized path, a URL, the bytes or stream source itself, or an
     *     {@link Identity} of decoded pixels
     */
    private record MediaKey(MediaKind kind, Object source, FrameSampling sampling) {
        static MediaKey of(Content media, FrameSampling defaultSampling) {
            if (media instanceof Content.Image) {
                Content.Image image = (Content.Image) media;
                return new MediaKey(MediaKind.IMAGE, image.decoded() != null ? new Identity(image.decoded())
                        : identity(image.source()), null);
            }
            Content.Video video = (Content.Video) media;
            if (video.decoded() != null) {
                return new MediaKey(MediaKind.VIDEO, new Identity(video.decoded()), null);
            }
            return new MediaKey(MediaKind.VIDEO, identity(video.source()),
                    video.sampling() != null ? video.sampling() : defaultSampling);
        }

        private static Object identity(MediaSource source) {
            if (source instanceof MediaSource.File) {
                return ((MediaSource.File) source).path().toAbsolutePath().normalize();
            }
            if (source instanceof MediaSource.Url) {
                return ((MediaSource.Url) source).url();
            }
            return new Identity(source);
        }
    }

    /** An object compared by identity (bytes, streams and decoded pixels are not compared by content). */
    private static final class Identity {
        private final Object value;

        Identity(Object value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Identity && ((Identity) o).value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** One item of a medium: LLaVA-Interleave turns a video into one image item per frame. */
    private record ItemKey(MediaKey media, int ordinal) {}

    /** A medium attached to the next turn, with its decoded pixels. */
    private record Attached(MediaKey key, Content pixels) {}
}
