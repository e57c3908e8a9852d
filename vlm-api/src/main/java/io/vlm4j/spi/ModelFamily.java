package io.vlm4j.spi;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.UnsupportedCapabilityException;
import io.vlm4j.config.ModelConfig;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.Processor;

/**
 * A family of models: parses its config, builds its processor and its model over a backend.
 *
 * <p>Ids: the HF {@code model_type}s it serves ({@code llava_onevision}). Thread-safe.
 */
public interface ModelFamily extends Provider<ModelFamily.Capability> {
    /** The version of this SPI; a provider returns it from {@link #spiVersion()}. */
    int SPI_VERSION = 1;

    /** What a family's models accept. */
    enum Capability {
        /** Image items. */
        IMAGES,
        /** Video items. */
        VIDEOS,
        /** Several media items in one prompt. */
        MULTIPLE_MEDIA,
        /** Several prompts in one batch. */
        BATCHES
    }

    /**
     * Parses a checkpoint's {@code config.json} (its root node) into this family's config record.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a bad value
     */
    ModelConfig parseConfig(ConfigNode config);

    /**
     * Builds the processor of a checkpoint (HF's {@code AutoProcessor.from_pretrained}): its tokenizer, chat
     * template, image and video processors and the rules that expand each placeholder to the model's feature count.
     * The default refuses: a family that processes its own inputs overrides it.
     *
     * @throws UnsupportedCapabilityException if this family builds no processor
     * @throws io.vlm4j.ConfigException naming the file and JSON path of a bad processor config value
     */
    default Processor createProcessor(ProcessorContext context) {
        throw new UnsupportedCapabilityException(getClass().getName() + " (model_type " + ids()
                + ") builds no processor");
    }

    /**
     * Builds the model of a checkpoint on a backend (HF's {@code AutoModelForVision2Seq.from_pretrained}): its
     * vision tower(s), projector and language model, the weights uploaded by their HF parameter names. The caller
     * owns the model and closes it; closing it frees its weights, not the backend. The default refuses: a family
     * that builds models overrides it.
     *
     * @throws UnsupportedCapabilityException if this family builds no model
     * @throws io.vlm4j.CheckpointFormatException naming the parameter if a weight is missing or has another shape
     * @throws io.vlm4j.ConfigException naming the JSON path of a config value the model cannot use
     */
    default VisionLanguageModel createModel(ModelContext context) {
        throw new UnsupportedCapabilityException(getClass().getName() + " (model_type " + ids()
                + ") builds no model");
    }
}
