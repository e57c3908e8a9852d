package io.vlm4j.models.llava;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.MultimodalConfig;
import io.vlm4j.processing.Processor;
import io.vlm4j.spi.ModelContext;
import io.vlm4j.spi.ModelFamily;
import io.vlm4j.spi.ProcessorContext;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the four families' providers share: one {@code model_type}, this SPI's version, the capabilities every one of
 * them has (images, videos, several media items in a prompt, batches), and the three factories a family names — its
 * config record's {@code fromJson}, its processor's {@code fromPretrained} and its model's {@code load}. A family is
 * a subclass with a public no-argument constructor that passes them, so {@code ServiceLoader} can build it.
 *
 * <p>Thread-safe; discovery only constructs it.
 *
 * @param <C> the family's config record
 * @param <M> the family's model
 */
public abstract class MultimodalFamily<C extends MultimodalConfig, M extends MultimodalModel> implements ModelFamily {
    private final String modelType;
    private final Function<ConfigNode, C> parseConfig;
    private final Function<ProcessorContext, ? extends Processor> createProcessor;
    private final Function<ModelContext, M> createModel;

    /**
     * @param modelType the {@code model_type} this family serves, its only id
     * @param parseConfig parses {@code config.json}'s root node into the family's config
     * @param createProcessor builds the family's processor of a checkpoint
     * @param createModel loads the family's model of a checkpoint
     */
    protected MultimodalFamily(String modelType, Function<ConfigNode, C> parseConfig,
            Function<ProcessorContext, ? extends Processor> createProcessor, Function<ModelContext, M> createModel) {
        this.modelType = Objects.requireNonNull(modelType, "modelType");
        this.parseConfig = Objects.requireNonNull(parseConfig, "parseConfig");
        this.createProcessor = Objects.requireNonNull(createProcessor, "createProcessor");
        this.createModel = Objects.requireNonNull(createModel, "createModel");
    }

    @Override
    public final Set<String> ids() {
        return Set.of(modelType);
    }

    @Override
    public final int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public final Set<Capability> capabilities() {
        return EnumSet.of(Capability.IMAGES, Capability.VIDEOS, Capability.MULTIPLE_MEDIA, Capability.BATCHES);
    }

    @Override
    public final C parseConfig(ConfigNode config) {
        return parseConfig.apply(config);
    }

    @Override
    public final Processor createProcessor(ProcessorContext context) {
        return createProcessor.apply(context);
    }

    @Override
    public final M createModel(ModelContext context) {
        return createModel.apply(context);
    }
}
