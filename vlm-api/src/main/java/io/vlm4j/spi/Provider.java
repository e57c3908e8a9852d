package io.vlm4j.spi;

import java.util.Set;

/**
 * What every vlm4j plugin is: ids that are contract, the SPI version it was compiled against, a declared set
 * of capabilities, a priority and a cheap availability check.
 *
 * <p>Discovery ({@link java.util.ServiceLoader}) only constructs a provider and calls these methods: they must
 * load no natives, open no files and start no threads (natives load in the SPI's factory method).
 *
 * <p>Implementations are thread-safe.
 *
 * @param <C> the enum of capabilities of this SPI
 */
public interface Provider<C extends Enum<C>> {
    /**
     * The ids this provider serves: a backend's name ({@code djl}), a family's {@code model_type}s, a processor
     * factory's HF class names. Ids are contract; two providers of one SPI may not share one.
     */
    Set<String> ids();

    /**
     * The {@code SPI_VERSION} constant of this SPI as compiled into the plugin: implementations must write
     * {@code return SPI_VERSION;} so that the number is the one the plugin saw at compile time.
     */
    int spiVersion();

    /** The capabilities this provider declares; anything else is refused with an unsupported-capability error. */
    Set<C> capabilities();

    /** Higher wins when a registry picks a provider by priority. */
    default int priority() {
        return 0;
    }

    /** Whether this provider can work here (its natives are present, …), checked cheaply. */
    default Availability availability() {
        return Availability.AVAILABLE;
    }
}
