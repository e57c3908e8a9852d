package io.vlm4j.runtime;

import io.vlm4j.internal.RegistriesInjector;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.spi.ChatTemplateEngine;
import io.vlm4j.spi.ImageProcessorFactory;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.spi.VideoProcessorFactory;
import java.util.Objects;

/**
 * The registries of every SPI, loaded from one class loader: what {@code AutoConfig}, {@code AutoProcessor},
 * {@code AutoModel} and the pipeline resolve providers through.
 *
 * <p>Immutable and thread-safe.
 */
public final class Registries {
    private static volatile Registries defaults;

    private final Registry<ModelFamily> families;
    private final Registry<BackendProvider> backends;
    private final Registry<TokenizerFactory> tokenizers;
    private final Registry<ChatTemplateEngine> templateEngines;
    private final Registry<ImageProcessorFactory> imageProcessors;
    private final Registry<VideoProcessorFactory> videoProcessors;
    private final Registry<VideoDecoderProvider> videoDecoders;

    /** The registries given; {@link #defaults()} and {@link #load} build them by discovery. */
    public Registries(Registry<ModelFamily> families, Registry<BackendProvider> backends,
            Registry<TokenizerFactory> tokenizers, Registry<ChatTemplateEngine> templateEngines,
            Registry<ImageProcessorFactory> imageProcessors, Registry<VideoProcessorFactory> videoProcessors,
            Registry<VideoDecoderProvider> videoDecoders) {
        this.families = Objects.requireNonNull(families, "families");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.tokenizers = Objects.requireNonNull(tokenizers, "tokenizers");
        this.templateEngines = Objects.requireNonNull(templateEngines, "templateEngines");
        this.imageProcessors = Objects.requireNonNull(imageProcessors, "imageProcessors");
        this.videoProcessors = Objects.requireNonNull(videoProcessors, "videoProcessors");
        this.videoDecoders = Objects.requireNonNull(videoDecoders, "videoDecoders");
    }

    /** The providers visible to the class loader that loaded vlm4j, discovered once per process. */
    public static Registries defaults() {
        Registries r = defaults;
        if (r == null) {
            synchronized (Registries.class) {
                r = defaults;
                if (r == null) {
                    r = load(Registries.class.getClassLoader());
                    defaults = r;
                }
            }
        }
        return r;
    }

    /**
     * Discovers the providers visible to {@code loader}.
     *
     * @throws io.vlm4j.PluginException on a duplicate id or a wrong SPI version
     */
    public static Registries load(ClassLoader loader) {
        return RegistriesInjector.registries(loader);
    }

    /** Model families by {@code model_type}. */
    public Registry<ModelFamily> families() {
        return families;
    }

    /** Backends by name. */
    public Registry<BackendProvider> backends() {
        return backends;
    }

    /** Tokenizer factories by name. */
    public Registry<TokenizerFactory> tokenizers() {
        return tokenizers;
    }

    /** Chat-template engines by name. */
    public Registry<ChatTemplateEngine> templateEngines() {
        return templateEngines;
    }

    /** Image processor factories by HF class name. */
    public Registry<ImageProcessorFactory> imageProcessors() {
        return imageProcessors;
    }

    /** Video processor factories by HF class name. */
    public Registry<VideoProcessorFactory> videoProcessors() {
        return videoProcessors;
    }

    /** Video and image decoders by name. */
    public Registry<VideoDecoderProvider> videoDecoders() {
        return videoDecoders;
    }
}
