package io.vlm4j.internal;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.vlm4j.runtime.Registries;
import io.vlm4j.runtime.Registry;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.spi.ChatTemplateEngine;
import io.vlm4j.spi.ImageProcessorFactory;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.spi.VideoProcessorFactory;

/** Wires one {@link Registry} per SPI, discovered through one class loader, into {@link Registries}. */
final class RegistriesModule extends AbstractModule {
    private final ClassLoader loader;

    RegistriesModule(ClassLoader loader) {
        this.loader = loader;
    }

    @Provides
    @Singleton
    Registry<ModelFamily> families() {
        return Registry.load(ModelFamily.class, ModelFamily.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registry<BackendProvider> backends() {
        return Registry.load(BackendProvider.class, BackendProvider.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registry<TokenizerFactory> tokenizers() {
        return Registry.load(TokenizerFactory.class, TokenizerFactory.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registry<ChatTemplateEngine> templateEngines() {
        return Registry.load(ChatTemplateEngine.class, ChatTemplateEngine.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registry<ImageProcessorFactory> imageProcessors() {
        return Registry.load(ImageProcessorFactory.class, ImageProcessorFactory.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registry<VideoProcessorFactory> videoProcessors() {
        return Registry.load(VideoProcessorFactory.class, VideoProcessorFactory.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registry<VideoDecoderProvider> videoDecoders() {
        return Registry.load(VideoDecoderProvider.class, VideoDecoderProvider.SPI_VERSION, loader);
    }

    @Provides
    @Singleton
    Registries registries(Registry<ModelFamily> families, Registry<BackendProvider> backends,
            Registry<TokenizerFactory> tokenizers, Registry<ChatTemplateEngine> templateEngines,
            Registry<ImageProcessorFactory> imageProcessors, Registry<VideoProcessorFactory> videoProcessors,
            Registry<VideoDecoderProvider> videoDecoders) {
        return new Registries(families, backends, tokenizers, templateEngines, imageProcessors, videoProcessors,
                videoDecoders);
    }
}
