package io.vlm4j.runtime;

import io.vlm4j.internal.RegistriesInjector;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.spi.ChatTemplateEngine;
import io.vlm4j.spi.ImageProcessorFactory;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.Provider;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.spi.VideoProcessorFactory;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Registries of exactly these providers, without discovery (embedding with a fixed set of plugins, tests):
     * each goes into the registry of every SPI it implements, in the order given.
     *
     * @throws io.vlm4j.PluginException on a duplicate id or a wrong SPI version, as discovery does
     */
    public static Registries of(List<? extends Provider<?>> providers) {
        return new Registries(
                Registry.of(ModelFamily.class, ModelFamily.SPI_VERSION, only(ModelFamily.class, providers)),
                Registry.of(BackendProvider.class, BackendProvider.SPI_VERSION, only(BackendProvider.class, providers)),
                Registry.of(TokenizerFactory.class, TokenizerFactory.SPI_VERSION,
                        only(TokenizerFactory.class, providers)),
                Registry.of(ChatTemplateEngine.class, ChatTemplateEngine.SPI_VERSION,
                        only(ChatTemplateEngine.class, providers)),
                Registry.of(ImageProcessorFactory.class, ImageProcessorFactory.SPI_VERSION,
                        only(ImageProcessorFactory.class, providers)),
                Registry.of(VideoProcessorFactory.class, VideoProcessorFactory.SPI_VERSION,
                        only(VideoProcessorFactory.class, providers)),
                Registry.of(VideoDecoderProvider.class, VideoDecoderProvider.SPI_VERSION,
                        only(VideoDecoderProvider.class, providers)));
    }

    /** {@link #of(List)} of these providers. */
    public static Registries of(Provider<?>... providers) {
        return of(List.of(providers));
    }

    private static <P> List<P> only(Class<P> spi, List<? extends Provider<?>> providers) {
        List<P> out = new ArrayList<>();
        for (Provider<?> p : providers) {
            if (spi.isInstance(p)) {
                out.add(spi.cast(p));
            }
        }
        return out;
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
