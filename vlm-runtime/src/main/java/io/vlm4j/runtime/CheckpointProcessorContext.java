package io.vlm4j.runtime;

import io.vlm4j.ConfigException;
import io.vlm4j.TokenizerException;
import io.vlm4j.UnsupportedCapabilityException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.spi.ChatTemplateEngine;
import io.vlm4j.spi.ImageProcessorFactory;
import io.vlm4j.spi.ProcessorContext;
import io.vlm4j.spi.TokenizerFactory;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.spi.VideoProcessorFactory;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.Tokenizer;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@link ProcessorContext} over a checkpoint folder and {@link Registries}: each factory picks its provider
 * from the registry (by id, or the highest priority that is available) and names the installed ones when none
 * fits.
 *
 * <p>Immutable and thread-safe.
 */
final class CheckpointProcessorContext implements ProcessorContext {
    private final Path checkpoint;
    private final ModelConfig config;
    private final Registries registries;

    CheckpointProcessorContext(Path checkpoint, ModelConfig config, Registries registries) {
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.config = Objects.requireNonNull(config, "config");
        this.registries = Objects.requireNonNull(registries, "registries");
    }

    @Override
    public Path checkpoint() {
        return checkpoint;
    }

    @Override
    public ModelConfig config() {
        return config;
    }

    @Override
    public Optional<ConfigNode> json(String fileName) {
        Path file = checkpoint.resolve(fileName).normalize();
        if (!file.startsWith(checkpoint.normalize())) {
            throw new IllegalArgumentException(fileName + " is not a file inside the checkpoint folder");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return Optional.of(ConfigNode.parse(text, fileName));
    }

    @Override
    public Tokenizer tokenizer() {
        List<TokenizerFactory> factories = registries.tokenizers().byPriority();
        for (TokenizerFactory f : factories) {
            if (f.canLoad(checkpoint)) {
                return f.load(checkpoint);
            }
        }
        throw new TokenizerException(checkpoint + ": no tokenizer factory can load this folder (installed: "
                + ids(registries.tokenizers()) + "; they read tokenizer.json, vocab.json + merges.txt or"
                + " tokenizer.model)");
    }

    @Override
    public ChatTemplate compileChatTemplate(String source) {
        List<ChatTemplateEngine> engines = registries.templateEngines().byPriority();
        if (engines.isEmpty()) {
            throw new UnsupportedCapabilityException("no chat-template engine is installed (ChatTemplateEngine"
                    + " providers: " + ids(registries.templateEngines()) + "); add vlm-processors to the class path");
        }
        return engines.get(0).compile(source);
    }

    @Override
    public ImageProcessor imageProcessor(String className, ConfigNode config) {
        ImageProcessorFactory factory = registries.imageProcessors().find(className).orElseThrow(
                () -> new UnsupportedCapabilityException(config.location() + ": no image processor factory builds "
                        + className + " (installed: " + ids(registries.imageProcessors()) + ")"));
        return factory.create(className, config);
    }

    @Override
    public VideoProcessor videoProcessor(String className, ConfigNode config) {
        VideoProcessorFactory factory = registries.videoProcessors().find(className).orElseThrow(
                () -> new UnsupportedCapabilityException(config.location() + ": no video processor factory builds "
                        + className + " (installed: " + ids(registries.videoProcessors()) + ")"));
        return factory.create(className, config);
    }

    @Override
    public VideoDecoderProvider mediaDecoder() {
        return mediaDecoder(registries);
    }

    /**
     * The available media decoder of the highest priority.
     *
     * @throws UnsupportedCapabilityException naming the installed ones and why if none is available
     */
    static VideoDecoderProvider mediaDecoder(Registries registries) {
        List<VideoDecoderProvider> decoders = registries.videoDecoders().byPriority();
        if (decoders.isEmpty()) {
            String why = registries.videoDecoders().all().stream()
                    .map(d -> d.ids() + " unavailable: " + d.availability().reason())
                    .collect(Collectors.joining("; "));
            throw new UnsupportedCapabilityException("no media decoder is available to decode the images and videos"
                    + " of the messages (" + (why.isEmpty() ? "none installed; add vlm-video" : why)
                    + "); give decoded pixels instead");
        }
        return decoders.get(0);
    }

    private static String ids(Registry<?> registry) {
        return registry.ids().isEmpty() ? "none" : String.join(", ", registry.ids());
    }
}
