package io.vlm4j.models.processing;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorCode;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.TemplateException;
import io.vlm4j.UnsupportedCapabilityException;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoDecoder;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.processing.Padding;
import io.vlm4j.processing.Processor;
import io.vlm4j.processors.template.ChatTemplates;
import io.vlm4j.processors.tokenizer.TokenizerConfig;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.TemplateContext;
import io.vlm4j.text.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What every family processor shares, as HF's {@code ProcessorMixin} and the {@code __call__} bodies of the LLaVA
 * processors have it: render the chat template ({@code apply_chat_template}) with the tokenizer's special tokens,
 * find the {@code <image>} and {@code <video>} placeholders of the prompts, replace each with as many copies as
 * its media item has features, tokenize (with the special tokens the tokenizer adds, as the processors' call
 * does), pad, and return a {@link BatchFeature} with one {@link MediaItem} per image and video. A family supplies
 * the pixels and the counts ({@link #processMedia}).
 *
 * <p>Placeholders are found as Python's {@code str.replace} finds them (left to right, not overlapping), images
 * before videos; the i-th {@code <image>} of the batch takes the i-th image, the j-th {@code <video>} the j-th
 * video. Where HF silently mis-expands (more media than placeholders, or fewer, where it raises
 * {@code StopIteration} or leaves the model to fail) a {@link MediaMismatchException} names both counts before any
 * model runs.
 *
 * <p>The chat template is found as {@link ChatTemplates#find} finds it (HF 4.46's processor template:
 * {@code chat_template.json}, else {@code processor_config.json}; then, beyond 4.46's processor, the tokenizer's),
 * and compiled on first use; a checkpoint without one can still process raw prompts.
 *
 * <p>Immutable and thread-safe; {@link #close()} closes the tokenizer.
 */
public abstract class ProcessorMixin implements Processor {
    /** The file HF builds image (and, at 4.46, video) processors from. */
    public static final String PREPROCESSOR_CONFIG_FILE = "preprocessor_config.json";

    private final String processorClass;
    private final ProcessorContext context;
    private final Tokenizer tokenizer;
    private final Padding.Side paddingSide;
    private final Placeholder imagePlaceholder;
    private final Placeholder videoPlaceholder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ChatTemplates.Found chatTemplateSource;
    private volatile ChatTemplate chatTemplate;

    /**
     * A processor over an open tokenizer (which it then owns).
     *
     * @param processorClass HF's class name, for messages ({@code LlavaOnevisionProcessor})
     * @param videoPlaceholder whether the family has a {@code <video>} placeholder
     * @throws ConfigException if the tokenizer has no single token for a placeholder, or a config value is bad
     */
    protected ProcessorMixin(String processorClass, ProcessorContext context, Tokenizer tokenizer,
            ProcessorConfig config, boolean videoPlaceholder) {
        this.processorClass = Objects.requireNonNull(processorClass, "processorClass");
        this.context = Objects.requireNonNull(context, "context");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.paddingSide = paddingSide(context);
        this.imagePlaceholder = placeholder(MediaKind.IMAGE, config.imageToken(), config, "image_token");
        this.videoPlaceholder = videoPlaceholder
                ? placeholder(MediaKind.VIDEO, config.videoToken(), config, "video_token") : null;
    }

    /**
     * Runs {@code build} over the checkpoint's tokenizer, closing the tokenizer if {@code build} fails: how a family
     * creates its processor without leaking the tokenizer on a bad config.
     */
    protected static <P extends Processor> P withTokenizer(ProcessorContext context, Function<Tokenizer, P> build) {
        Tokenizer tokenizer = context.tokenizer();
        try {
            return build.apply(tokenizer);
        } catch (RuntimeException | Error e) {
            try {
                tokenizer.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * The checkpoint's {@code preprocessor_config.json}.
     *
     * @throws ConfigException naming the folder if it has none, or the file if it is not a JSON object
     */
    protected static ConfigNode preprocessorConfig(ProcessorContext context) {
        ConfigNode node = context.json(PREPROCESSOR_CONFIG_FILE).orElseThrow(() -> new ConfigException(
                context.checkpoint() + ": no " + PREPROCESSOR_CONFIG_FILE + " (the image processor's config)"));
        if (!node.isObject()) {
            throw node.error("a JSON object");
        }
        return node;
    }

    /**
     * The class {@code AutoImageProcessor} builds from a preprocessor config: its {@code image_processor_type}.
     *
     * @throws ConfigException naming {@code $.image_processor_type} if it is absent or not a string
     */
    protected static String imageProcessorType(ConfigNode preprocessorConfig) {
        ConfigNode type = preprocessorConfig.get("image_processor_type");
        if (!type.isString()) {
            throw type.error("the image processor's HF class name (AutoImageProcessor reads it)");
        }
        return type.asString();
    }

    /** Python's {@code "default"} strategy test: the processors count one token less per image for it. */
    protected static int strategyAdjustment(String visionFeatureSelectStrategy) {
        return ProcessorConfig.DEFAULT_STRATEGY.equals(visionFeatureSelectStrategy) ? 1 : 0;
    }

    /** The {@code [n, 2]} int64 {@code image_sizes} tensor of these sizes, height first. */
    protected static HostTensor imageSizesTensor(List<ImageSize> sizes) {
        long[] values = new long[sizes.size() * 2];
        for (int i = 0; i < sizes.size(); i++) {
            values[2 * i] = sizes.get(i).height();
            values[2 * i + 1] = sizes.get(i).width();
        }
        return HostTensor.ofLongs(values, sizes.size(), 2);
    }

    /** The height and width of the last two dimensions of a pixel tensor (HF's {@code get_image_size}). */
    protected static ImageSize lastTwoDims(HostTensor pixels) {
        return new ImageSize(pixels.dim(-2), pixels.dim(-1));
    }

    /**
     * Processes the images and videos of a batch (each list in placeholder order, at least one of them not empty):
     * the pixel tensors under HF's names and, per item, its geometry and token count.
     */
    protected abstract ProcessedMedia processMedia(List<RgbImage> images, List<VideoFrames> videos);

    /**
     * The messages the chat template sees for a conversation; {@code framesPerVideo} (the frames of each video
     * item, in message order) is given only when {@link #templateNeedsFrameCounts()}. The default is the
     * conversation's own {@link Conversation#templateMessages()}, as HF passes messages unchanged.
     */
    protected List<Object> templateMessages(Conversation conversation, int[] framesPerVideo) {
        return conversation.templateMessages();
    }

    /** Whether {@link #templateMessages} needs each video's frame count (LLaVA-Interleave). */
    protected boolean templateNeedsFrameCounts() {
        return false;
    }

    /**
     * The images and videos a conversation's prompt is processed with, from its decoded media in message order.
     * The default keeps each kind in message order.
     */
    protected MediaInputs mediaInputs(List<DecodedMedia> media) {
        List<RgbImage> images = new ArrayList<>();
        List<Integer> imageSources = new ArrayList<>();
        List<VideoFrames> videos = new ArrayList<>();
        List<Integer> videoSources = new ArrayList<>();
        for (DecodedMedia m : media) {
            if (m.kind() == MediaKind.IMAGE) {
                images.add(m.image());
                imageSources.add(m.sourceIndex());
            } else {
                videos.add(m.video());
                videoSources.add(m.sourceIndex());
            }
        }
        return new MediaInputs(images, imageSources, videos, videoSources);
    }

    /** Whether the pixel tensors come before {@code input_ids} in HF's output (Video-LLaVA). */
    protected boolean mediaTensorsFirst() {
        return false;
    }

    /** HF's class name of this processor. */
    public String processorClass() {
        return processorClass;
    }

    /** The checkpoint this processor was built from. */
    protected ProcessorContext context() {
        return context;
    }

    /** The image placeholder ({@code image_token}). */
    public String imageToken() {
        return imagePlaceholder.text();
    }

    /** The video placeholder ({@code video_token}), if the family has one. */
    public Optional<String> videoToken() {
        return Optional.ofNullable(videoPlaceholder).map(Placeholder::text);
    }

    @Override
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * {@inheritDoc}
     *
     * @throws io.vlm4j.ConfigException if a file that would hold it is malformed
     */
    @Override
    public Optional<String> chatTemplate() {
        try {
            return Optional.of(templateSource().source());
        } catch (TemplateException e) {
            // ChatTemplates.find's ValueError is HF's "no chat template": the checkpoint has none
            if (e.type().equals("ValueError")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String applyChatTemplate(Conversation conversation, ChatOptions options) {
        Objects.requireNonNull(options, "options");
        int[] frames = templateNeedsFrameCounts() ? frameCounts(conversation, options) : null;
        return render(templateMessages(conversation, frames), options);
    }

    @Override
    public BatchFeature apply(List<Conversation> conversations, ChatOptions options) {
        Objects.requireNonNull(options, "options");
        if (conversations.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, processorClass + ": no conversation to process");
        }
        List<String> prompts = new ArrayList<>();
        List<MediaInputs> inputs = new ArrayList<>();
        int videoCursor = 0;
        for (int row = 0; row < conversations.size(); row++) {
            Conversation conversation = conversations.get(row);
            List<DecodedMedia> media = decode(conversation, options, videoCursor);
            int[] frames = media.stream().filter(m -> m.kind() == MediaKind.VIDEO)
                    .mapToInt(m -> m.video().count()).toArray();
            videoCursor += frames.length;
            String prompt = render(templateMessages(conversation, frames), options);
            MediaInputs in = mediaInputs(media);
            checkPlaceholders(conversations.size() == 1 ? "the prompt" : "prompt " + row, List.of(prompt),
                    in.images().size(), in.videos().size());
            prompts.add(prompt);
            inputs.add(in);
        }
        if (videoCursor < options.videoFrames().size()) {
            throw new MediaMismatchException(processorClass + ": " + count(options.videoFrames().size(),
                    "decoded video") + " given for " + count(videoCursor, "video item") + " in the messages");
        }
        return processAll(prompts, concat(inputs), options.padding());
    }

    @Override
    public BatchFeature process(List<String> text, List<RgbImage> images, List<VideoFrames> videos,
            Padding padding) {
        Objects.requireNonNull(padding, "padding");
        if (text.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, processorClass + ": no text to process");
        }
        List<Integer> imageSources = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            imageSources.add(i);
        }
        List<Integer> videoSources = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            videoSources.add(images.size() + i);
        }
        checkPlaceholders(text.size() == 1 ? "the prompt" : "the " + text.size() + " prompts", text, images.size(),
                videos.size());
        return processAll(text, new MediaInputs(images, imageSources, videos, videoSources), padding);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            tokenizer.close();
        }
    }

    @Override
    public String toString() {
        return processorClass + "[" + context.checkpoint() + "]";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Chat template

    private String render(List<Object> messages, ChatOptions options) {
        Map<String, Object> vars = new LinkedHashMap<>(tokenizer.specialTokens().asTemplateVariables());
        vars.putAll(options.templateVars());
        return template().render(new TemplateContext(messages, null, null, options.addGenerationPrompt(), vars,
                options.now()));
    }

    private ChatTemplate template() {
        ChatTemplate t = chatTemplate;
        if (t == null) {
            synchronized (this) {
                t = chatTemplate;
                if (t == null) {
                    t = context.compileChatTemplate(templateSource().source());
                    chatTemplate = t;
                }
            }
        }
        return t;
    }

    /**
     * The checkpoint's template, found once ({@link ChatTemplates#find}: chat_template.json, processor_config.json,
     * then the tokenizer's).
     */
    private ChatTemplates.Found templateSource() {
        ChatTemplates.Found found = chatTemplateSource;
        if (found == null) {
            found = ChatTemplates.find(context.checkpoint());
            chatTemplateSource = found;
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Media of conversations

    private VideoDecoderProvider decoder() {
        return context.mediaDecoder();
    }

    private List<DecodedMedia> decode(Conversation conversation, ChatOptions options, int videoCursor) {
        List<DecodedMedia> out = new ArrayList<>();
        VideoDecoderProvider decoder = null;
        int source = 0;
        int video = videoCursor;
        for (Message message : conversation.messages()) {
            for (Content item : message.content()) {
                if (item instanceof Content.Image) {
                    Content.Image image = (Content.Image) item;
                    RgbImage pixels = image.decoded();
                    if (pixels == null) {
                        decoder = decoder == null ? decoder() : decoder;
                        requireCapability(decoder, VideoDecoderProvider.Capability.IMAGES, image.source());
                        requireCapability(decoder, sourceCapability(image.source()), image.source());
                        pixels = decoder.decodeImage(image.source());
                    }
                    out.add(DecodedMedia.image(pixels, source++));
                } else if (item instanceof Content.Video) {
                    Content.Video v = (Content.Video) item;
                    VideoFrames frames;
                    if (video < options.videoFrames().size()) {
                        frames = options.videoFrames().get(video);
                    } else if (v.decoded() != null) {
                        frames = v.decoded();
                    } else {
                        decoder = decoder == null ? decoder() : decoder;
                        requireCapability(decoder, sourceCapability(v.source()), v.source());
                        try (VideoDecoder d = decoder.open(v.source())) {
                            frames = d.decode(sampling(v, options));
                        }
                    }
                    video++;
                    out.add(DecodedMedia.video(frames, source++));
                }
            }
        }
        return out;
    }

    private int[] frameCounts(Conversation conversation, ChatOptions options) {
        List<Integer> counts = new ArrayList<>();
        VideoDecoderProvider decoder = null;
        for (Message message : conversation.messages()) {
            for (Content item : message.content()) {
                if (!(item instanceof Content.Video)) {
                    continue;
                }
                Content.Video v = (Content.Video) item;
                int k = counts.size();
                if (k < options.videoFrames().size()) {
                    counts.add(options.videoFrames().get(k).count());
                } else if (v.decoded() != null) {
                    counts.add(v.decoded().count());
                } else {
                    decoder = decoder == null ? decoder() : decoder;
                    requireCapability(decoder, sourceCapability(v.source()), v.source());
                    try (VideoDecoder d = decoder.open(v.source())) {
                        counts.add(d.indices(sampling(v, options)).length);
                    }
                }
            }
        }
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static VideoDecoderProvider.Capability sourceCapability(MediaSource source) {
        if (source instanceof MediaSource.File) {
            return VideoDecoderProvider.Capability.FILES;
        }
        return source instanceof MediaSource.Url ? VideoDecoderProvider.Capability.URLS
                : VideoDecoderProvider.Capability.BYTES;
    }

    private static void requireCapability(VideoDecoderProvider decoder, VideoDecoderProvider.Capability capability,
            MediaSource source) {
        if (!decoder.capabilities().contains(capability)) {
            throw new UnsupportedCapabilityException("media decoder " + decoder.ids() + " does not support "
                    + capability + ", needed for " + source.describe() + " (it declares " + decoder.capabilities()
                    + ")");
        }
    }

    private static FrameSampling sampling(Content.Video video, ChatOptions options) {
        return video.sampling() != null ? video.sampling() : options.frameSampling();
    }

    private static MediaInputs concat(List<MediaInputs> inputs) {
        List<RgbImage> images = new ArrayList<>();
        List<Integer> imageSources = new ArrayList<>();
        List<VideoFrames> videos = new ArrayList<>();
        List<Integer> videoSources = new ArrayList<>();
        for (MediaInputs in : inputs) {
            images.addAll(in.images());
            imageSources.addAll(in.imageSources());
            videos.addAll(in.videos());
            videoSources.addAll(in.videoSources());
        }
        return new MediaInputs(images, imageSources, videos, videoSources);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Placeholders, expansion, tokenization, padding

    private void checkPlaceholders(String what, List<String> prompts, int images, int videos) {
        int imageSlots = 0;
        int videoSlots = 0;
        for (String p : prompts) {
            for (Occurrence o : occurrences(p)) {
                if (o.kind() == MediaKind.IMAGE) {
                    imageSlots++;
                } else {
                    videoSlots++;
                }
            }
        }
        if (imageSlots == images && videoSlots == videos) {
            return;
        }
        String slots = count(imageSlots, imagePlaceholder.text() + " placeholder") + " and "
                + (videoPlaceholder == null ? "no video placeholder (" + processorClass + " has none; give a video's"
                        + " frames as images)" : count(videoSlots, videoPlaceholder.text() + " placeholder"));
        throw new MediaMismatchException(processorClass + ": " + what + " " + (prompts.size() == 1 ? "holds " : "hold ")
                + slots + ", but " + count(images, "image") + " and " + count(videos, "video")
                + (images + videos == 1 ? " was" : " were") + " given");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The placeholders of a prompt in text order: images as {@code str.replace} finds them, then videos. */
    private List<Occurrence> occurrences(String prompt) {
        List<Occurrence> out = new ArrayList<>();
        String image = imagePlaceholder.text();
        for (int i = prompt.indexOf(image); i >= 0; i = prompt.indexOf(image, i + image.length())) {
            out.add(new Occurrence(MediaKind.IMAGE, i, i + image.length()));
        }
        if (videoPlaceholder != null) {
            String video = videoPlaceholder.text();
            int imageCount = out.size();
            for (int i = prompt.indexOf(video); i >= 0; i = prompt.indexOf(video, i + 1)) {
                int start = i;
                boolean inImage = out.subList(0, imageCount).stream()
                        .anyMatch(o -> start < o.end() && o.start() < start + video.length());
                if (!inImage) {
                    out.add(new Occurrence(MediaKind.VIDEO, i, i + video.length()));
                    i += video.length() - 1;
                }
            }
        }
        out.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return out;
    }

    private BatchFeature processAll(List<String> prompts, MediaInputs inputs, Padding padding) {
        ProcessedMedia media = inputs.images().isEmpty() && inputs.videos().isEmpty() ? ProcessedMedia.none()
                : processMedia(inputs.images(), inputs.videos());
        if (media.images().size() != inputs.images().size() || media.videos().size() != inputs.videos().size()) {
            throw new VlmException(ErrorCode.INTERNAL_ERROR, processorClass + " counted " + media.images().size()
                    + " images and " + media.videos().size() + " videos for " + inputs.images().size() + " and "
                    + inputs.videos().size());
        }
        int rows = prompts.size();
        int[][] ids = new int[rows][];
        List<List<Slot>> slots = new ArrayList<>();
        int nextImage = 0;
        int nextVideo = 0;
        for (int row = 0; row < rows; row++) {
            String prompt = prompts.get(row);
            StringBuilder expanded = new StringBuilder(prompt.length());
            List<Slot> rowSlots = new ArrayList<>();
            int at = 0;
            for (Occurrence o : occurrences(prompt)) {
                boolean image = o.kind() == MediaKind.IMAGE;
                int index = image ? nextImage++ : nextVideo++;
                MediaExpansion e = image ? media.images().get(index) : media.videos().get(index);
                Placeholder p = image ? imagePlaceholder : videoPlaceholder;
                expanded.append(prompt, at, o.start());
                expanded.append(p.text().repeat(e.tokenCount()));
                at = o.end();
                rowSlots.add(new Slot(o.kind(), index, e, p.id()));
            }
            expanded.append(prompt, at, prompt.length());
            ids[row] = tokenizer.encode(expanded.toString(), true);
            slots.add(rowSlots);
        }
        int[][] offsets = locate(ids, slots);
        int length = Arrays.stream(ids).mapToInt(r -> r.length).max().orElse(0);
        Padding.Side side = padding.optSide().orElse(paddingSide);
        boolean ragged = Arrays.stream(ids).anyMatch(r -> r.length != length);
        if (ragged && padding.mode() == Padding.Mode.DO_NOT_PAD) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, processorClass + ": the prompts have lengths "
                    + Arrays.toString(Arrays.stream(ids).mapToInt(r -> r.length).toArray())
                    + " tokens; one batch tensor needs one length: pad them (padding longest)");
        }
        long[] inputIds = new long[Math.multiplyExact(rows, length)];
        long[] mask = new long[inputIds.length];
        int pad = ragged ? padId() : 0;
        List<MediaItem> items = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            int n = ids[row].length;
            int shift = side == Padding.Side.LEFT ? length - n : 0;
            int base = row * length;
            Arrays.fill(inputIds, base, base + length, pad);
            for (int i = 0; i < n; i++) {
                inputIds[base + shift + i] = ids[row][i];
                mask[base + shift + i] = 1;
            }
            List<Slot> rowSlots = slots.get(row);
            for (int k = 0; k < rowSlots.size(); k++) {
                Slot s = rowSlots.get(k);
                MediaExpansion e = s.expansion();
                List<Integer> sources = s.kind() == MediaKind.IMAGE ? inputs.imageSources() : inputs.videoSources();
                items.add(new MediaItem(s.kind(), row, s.index(), sources.get(s.index()), e.originalSize(),
                        e.processedSize(), e.patches(), e.frames(), e.anyres(), s.tokenId(), e.tokenCount(),
                        offsets[row][k] + shift));
            }
        }
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        if (mediaTensorsFirst()) {
            tensors.putAll(media.tensors());
        }
        tensors.put(BatchFeature.INPUT_IDS, HostTensor.ofLongs(inputIds, rows, length));
        tensors.put(BatchFeature.ATTENTION_MASK, HostTensor.ofLongs(mask, rows, length));
        tensors.putAll(media.tensors());
        return new BatchFeature(tensors, prompts, items);
    }

    /** The position of each slot's first token in its row: runs of its placeholder id, in order. */
    private int[][] locate(int[][] ids, List<List<Slot>> slots) {
        int[][] offsets = new int[ids.length][];
        for (int row = 0; row < ids.length; row++) {
            int[] r = ids[row];
            List<Slot> rowSlots = slots.get(row);
            offsets[row] = new int[rowSlots.size()];
            int cursor = 0;
            for (int k = 0; k < rowSlots.size(); k++) {
                Slot s = rowSlots.get(k);
                int start = cursor;
                while (start < r.length && r[start] != s.tokenId()) {
                    start++;
                }
                int count = s.expansion().tokenCount();
                for (int i = start; i < start + count; i++) {
                    if (i >= r.length || r[i] != s.tokenId()) {
                        throw new VlmException(ErrorCode.INTERNAL_ERROR, processorClass + ": the tokenizer did not"
                                + " keep " + count + " copies of placeholder id " + s.tokenId() + " together in"
                                + " row " + row + " (from position " + start + ")");
                    }
                }
                offsets[row][k] = start;
                cursor = start + count;
            }
        }
        return offsets;
    }

    private int padId() {
        Optional<String> token = tokenizer.specialTokens().get("pad_token");
        OptionalInt id = token.isPresent() ? tokenizer.tokenToId(token.get()) : OptionalInt.empty();
        if (id.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, context.checkpoint() + ": asked to pad a batch but the"
                    + " tokenizer has no pad_token" + token.map(t -> " id (pad_token " + t + ")").orElse(""));
        }
        return id.getAsInt();
    }

    private Placeholder placeholder(MediaKind kind, String text, ProcessorConfig config, String key) {
        OptionalInt id = tokenizer.tokenToId(text);
        if (id.isEmpty()) {
            throw config.json().get(key).invalid("the tokenizer of " + context.checkpoint() + " has no token "
                    + text + " for the " + kind.word() + " placeholder");
        }
        return new Placeholder(text, id.getAsInt());
    }

    private static Padding.Side paddingSide(ProcessorContext context) {
        ConfigNode side = TokenizerConfig.read(context.checkpoint()).config().get("padding_side");
        if (side.isAbsent()) {
            return Padding.Side.RIGHT;
        }
        if (side.isString() && side.asString().equals("left")) {
            return Padding.Side.LEFT;
        }
        if (side.isString() && side.asString().equals("right")) {
            return Padding.Side.RIGHT;
        }
        throw side.error("\"left\" or \"right\"");
    }

    private record Placeholder(String text, int id) {}

    private record Occurrence(MediaKind kind, int start, int end) {}

    private record Slot(MediaKind kind, int index, MediaExpansion expansion, int tokenId) {}
}
