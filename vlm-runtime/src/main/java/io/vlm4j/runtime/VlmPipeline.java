package io.vlm4j.runtime;

import io.vlm4j.chat.Conversation;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.generation.Detokenizer;
import io.vlm4j.runtime.generation.Generation;
import io.vlm4j.runtime.generation.Prompt;
import io.vlm4j.runtime.hub.FileSelection;
import io.vlm4j.runtime.hub.ModelLocator;
import io.vlm4j.runtime.hub.ProgressListener;
import io.vlm4j.spi.BackendProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Chat messages with images and videos in, generated text out: a checkpoint's processor, its model and the
 * generation loop, as DESIGN's diagram draws the path of one request.
 *
 * <pre>{@code
 * try (VlmPipeline vlm = VlmPipeline.fromPretrained("llava-hf/llava-onevision-qwen2-0.5b-ov-hf",
 *         Options.builder().backend("djl").device("cpu").build())) {
 *     Conversation c = Conversation.of(Message.user(Content.video(Path.of("cats.mp4")), Content.text("What happens?")));
 *     vlm.generate(c, GenerationConfig.greedy(128), piece -> System.out.print(piece));
 * }
 * }</pre>
 *
 * <p>Thread-safe: one pipeline serves many threads at once; each generation owns its KV cache. {@link #close()}
 * frees the model's weights, its backend and the tokenizer.
 */
public final class VlmPipeline implements AutoCloseable {
    private final Processor processor;
    private final VisionLanguageModel model;
    private final GenerationConfig generationDefaults;
    private final ChatOptions chatOptions;
    private final Generation generation;
    private final Registries registries;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VlmPipeline(Processor processor, VisionLanguageModel model, GenerationConfig generationDefaults,
            Options options, Registries registries) {
        this.processor = processor;
        this.model = model;
        this.generationDefaults = generationDefaults;
        this.chatOptions = ChatOptions.defaults().withFrameSampling(options.frameSampling());
        this.generation = new Generation(model, Detokenizer.of(processor.tokenizer()));
        this.registries = registries;
    }

    /** {@link #fromPretrained(String, Options, Registries)} with the {@link Registries#defaults() default registries}. */
    public static VlmPipeline fromPretrained(String modelIdOrFolder, Options options) {
        return fromPretrained(modelIdOrFolder, options, Registries.defaults());
    }

    /**
     * The pipeline of a checkpoint folder, or of a hub id ({@code org/name[@revision]}) whose snapshot
     * {@link ModelLocator} provides (the files the chosen backend reads, downloaded or from the cache, as the
     * environment's {@code HF_*} variables configure the hub client): its processor ({@link AutoProcessor}), its
     * model on the backend {@code options} pick ({@link AutoModel}) and its generation config, which fills the
     * special tokens a caller's config leaves unset (HF's {@code generate()}).
     *
     * @throws io.vlm4j.BackendUnavailableException naming the backend and why if it cannot be used
     * @throws io.vlm4j.UnsupportedModelException naming the {@code model_type} if no registered family serves it
     * @throws io.vlm4j.VlmException ({@link io.vlm4j.ErrorCode#NOT_FOUND}) if it is neither a folder nor a hub id
     */
    public static VlmPipeline fromPretrained(String modelIdOrFolder, Options options, Registries registries) {
        return fromPretrained(modelIdOrFolder, options, registries, ModelLocator.fromEnvironment(),
                ProgressListener.SILENT);
    }

    /**
     * {@link #fromPretrained(String, Options, Registries)} with the {@link Registries#defaults() default
     * registries}, resolving a hub id with {@code locator} (a hub client of the caller's settings) and reporting
     * each downloaded file to {@code progress}: what a command line with its own environment and progress bar
     * uses.
     */
    public static VlmPipeline fromPretrained(String modelIdOrFolder, Options options, ModelLocator locator,
            ProgressListener progress) {
        return fromPretrained(modelIdOrFolder, options, Registries.defaults(), locator, progress);
    }

    private static VlmPipeline fromPretrained(String modelIdOrFolder, Options options, Registries registries,
            ModelLocator locator, ProgressListener progress) {
        Objects.requireNonNull(modelIdOrFolder, "modelIdOrFolder");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(progress, "progress");
        BackendProvider backend = Backends.choose(options, registries);
        Path dir = locator.resolve(modelIdOrFolder, FileSelection.forBackend(backend.ids().iterator().next()),
                progress);
        GenerationConfig generationDefaults = AutoConfig.generationConfig(dir, AutoConfig.fromPretrained(dir,
                registries));
        Processor processor = AutoProcessor.fromPretrained(dir, registries);
        try {
            Options chosen = new Options(backend.ids().iterator().next(), options.device(), options.threads(),
                    options.frameSampling());
            VisionLanguageModel model = AutoModel.fromPretrained(dir, chosen, registries);
            return new VlmPipeline(processor, model, generationDefaults, options, registries);
        } catch (RuntimeException | Error e) {
            processor.close();
            throw e;
        }
    }

    /**
     * Answers a conversation, giving {@code pieces} each piece of text as it forms (their concatenation is the
     * result's text).
     *
     * @param config how to generate; its unset end-of-sequence, padding and start tokens come from the
     *     checkpoint's generation config
     * @throws io.vlm4j.MediaMismatchException if the prompt's placeholders do not match the media
     * @throws io.vlm4j.VideoDecodeException if a video cannot be decoded (likewise images, templates…)
     */
    public GenerationResult generate(Conversation conversation, GenerationConfig config, Consumer<String> pieces) {
        Objects.requireNonNull(config, "config");
        // decode media → render the chat template → tokenize → process pixels → expand each placeholder
        BatchFeature batch = processor.apply(conversation, chatOptions);
        // model: vision tower → projector → packing, pooling, newlines → scattered into the text embeddings
        Prompt prompt = Prompt.of(batch.ids(0), scope -> model.inputsEmbeds(scope, batch));
        // generate: prefill, decode loop over the KV cache, logits processors, sampler, stop criteria, detokenizer
        return generation.generate(prompt, config.withSpecialTokensFrom(generationDefaults), pieces);
    }

    /** {@link #generate(Conversation, GenerationConfig, Consumer)} without streaming. */
    public GenerationResult generate(Conversation conversation, GenerationConfig config) {
        return generate(conversation, config, piece -> { });
    }

    /** The checkpoint's processor (chat template, tokenizer, image and video processors). */
    public Processor processor() {
        return processor;
    }

    /** The model. */
    public VisionLanguageModel model() {
        return model;
    }

    /** The checkpoint's own generation config ({@code generation_config.json}, else derived from config.json). */
    public GenerationConfig generationConfig() {
        return generationDefaults;
    }

    /** How the processor is asked for a batch: a generation prompt and the default frame sampling of videos. */
    ChatOptions chatOptions() {
        return chatOptions;
    }

    /** The registries the pipeline was loaded from (a chat session decodes its media with their decoder). */
    Registries registries() {
        return registries;
    }

    /** Frees the model's weights, its backend and the tokenizer. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                model.close();
            } finally {
                processor.close();
            }
        }
    }
}
