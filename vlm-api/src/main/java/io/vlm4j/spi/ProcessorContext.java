package io.vlm4j.spi;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a {@link ModelFamily} builds its processor from: a checkpoint folder, its parsed config, and factories
 * backed by the registries (tokenizers, chat-template engines, image and video processors, media decoders), so a
 * family needs no registry of its own. The runtime implements it ({@code AutoProcessor}).
 *
 * <p>Thread-safe. Factories create a new object at every call; the caller owns (and closes) what it gets.
 */
public interface ProcessorContext {
    /** The checkpoint folder. */
    Path checkpoint();

    /** The checkpoint's config, as the family's {@link ModelFamily#parseConfig} read it. */
    ModelConfig config();

    /**
     * A JSON file of the checkpoint folder ({@code processor_config.json}, {@code preprocessor_config.json}, …),
     * if present; a path relative to the folder may name a subfolder ({@code video_processor/…}).
     *
     * @throws io.vlm4j.ConfigException naming the file if it is not valid JSON
     */
    Optional<ConfigNode> json(String fileName);

    /**
     * Loads the checkpoint's tokenizer with the first (by priority) tokenizer factory that can load the folder.
     *
     * @throws io.vlm4j.TokenizerException if no factory recognises the folder or its files are malformed
     */
    Tokenizer tokenizer();

    /**
     * Compiles a chat template with the chat-template engine of the highest priority.
     *
     * @throws io.vlm4j.UnsupportedCapabilityException naming the SPI if no engine is installed
     * @throws io.vlm4j.TemplateException if the template does not compile
     */
    ChatTemplate compileChatTemplate(String source);

    /**
     * Builds the image processor of an HF class name from a preprocessor config.
     *
     * @throws io.vlm4j.UnsupportedCapabilityException naming the class and the known ones if no factory builds it
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    ImageProcessor imageProcessor(String className, ConfigNode config);

    /**
     * Builds the video processor of an HF class name from a preprocessor config.
     *
     * @throws io.vlm4j.UnsupportedCapabilityException naming the class and the known ones if no factory builds it
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    VideoProcessor videoProcessor(String className, ConfigNode config);

    /**
     * The media decoder of the highest priority that is available, for decoding the images and videos of chat
     * messages. Called only when there is media to decode.
     *
     * @throws io.vlm4j.UnsupportedCapabilityException if no decoder is installed or available (naming why)
     */
    VideoDecoderProvider mediaDecoder();
}
