package io.vlm4j.internal;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import io.vlm4j.VlmException;
import io.vlm4j.runtime.Registries;

/**
 * Builds {@link Registries} with Guice, keeping every Guice type inside this package.
 *
 * <p>Not part of the API: the {@code internal} package may change in any release.
 */
public final class RegistriesInjector {
    private RegistriesInjector() {}

    /** Discovers every SPI's providers through {@code loader}; a plugin error surfaces as its own exception. */
    public static Registries registries(ClassLoader loader) {
        try {
            return Guice.createInjector(Stage.PRODUCTION, new RegistriesModule(loader)).getInstance(Registries.class);
        } catch (ProvisionException | CreationException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof VlmException) {
                    throw (VlmException) t;
                }
            }
            throw e;
        }
    }
}
