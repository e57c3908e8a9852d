package io.vlm4j.runtime;

import io.vlm4j.PluginException;
import io.vlm4j.UnsupportedCapabilityException;
import io.vlm4j.spi.Provider;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The providers of one SPI found on a class path, by id.
 *
 * <p>Loading constructs each provider once and checks it: an SPI version other than the one this runtime was
 * compiled against, or an id another provider already has, is a {@link PluginException} naming the provider
 * (and, for a duplicate, both jars). Discovery calls only the cheap {@link Provider} methods. Immutable and
 * thread-safe.
 *
 * @param <P> the SPI
 */
public final class Registry<P extends Provider<?>> {
    private final Class<P> spi;
    private final Map<String, P> byId;
    private final List<P> providers;

    private Registry(Class<P> spi, Map<String, P> byId, List<P> providers) {
        this.spi = spi;
        this.byId = Collections.unmodifiableMap(byId);
        this.providers = List.copyOf(providers);
    }

    /**
     * Loads every provider of {@code spi} that {@link ServiceLoader} finds through {@code loader}.
     *
     * @param spiVersion the {@code SPI_VERSION} this runtime was compiled against
     * @throws PluginException on a duplicate id, a wrong SPI version or a provider that fails to load
     */
    public static <P extends Provider<?>> Registry<P> load(Class<P> spi, int spiVersion, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        try {
            for (P p : ServiceLoader.load(spi, loader)) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginException("cannot load a " + spi.getSimpleName() + " provider: " + e.getMessage(), e);
        }
        return of(spi, spiVersion, found);
    }

    /** A registry of the given providers, checked as {@link #load} checks discovered ones. */
    public static <P extends Provider<?>> Registry<P> of(Class<P> spi, int spiVersion, List<? extends P> candidates) {
        Map<String, P> byId = new LinkedHashMap<>();
        List<P> providers = new ArrayList<>();
        for (P p : candidates) {
            int version = p.spiVersion();
            if (version != spiVersion) {
                throw new PluginException(spi.getSimpleName() + " provider " + p.getClass().getName() + " ("
                        + location(p) + ") was compiled against SPI version " + version + "; this runtime supports "
                        + spiVersion);
            }
            Set<String> ids = p.ids();
            if (ids == null || ids.isEmpty()) {
                throw new PluginException(spi.getSimpleName() + " provider " + p.getClass().getName() + " ("
                        + location(p) + ") declares no id");
            }
            for (String id : ids) {
                P previous = byId.putIfAbsent(id, p);
                if (previous != null) {
                    throw new PluginException("two " + spi.getSimpleName() + " providers have the id '" + id + "': "
                            + previous.getClass().getName() + " (" + location(previous) + ") and "
                            + p.getClass().getName() + " (" + location(p) + ")");
                }
            }
            providers.add(p);
        }
        return new Registry<>(spi, byId, providers);
    }

    private static String location(Object provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "unknown location" : url.toString();
    }

    /** The SPI of this registry. */
    public Class<P> spi() {
        return spi;
    }

    /** The provider serving {@code id}, if any. */
    public Optional<P> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every id served, sorted. */
    public Set<String> ids() {
        return Collections.unmodifiableSet(new TreeSet<>(byId.keySet()));
    }

    /** Every provider, in discovery order. */
    public List<P> all() {
        return providers;
    }

    /** The available providers, highest priority first (discovery order among equals). */
    public List<P> byPriority() {
        return providers.stream().filter(p -> p.availability().available())
                .sorted(Comparator.comparingInt((P p) -> p.priority()).reversed())
                .collect(Collectors.toList());
    }

    /**
     * Checks that {@code provider} declares {@code capability}.
     *
     * @throws UnsupportedCapabilityException naming the provider and the capability
     */
    public static <C extends Enum<C>> void requireCapability(Provider<C> provider, C capability) {
        if (!provider.capabilities().contains(capability)) {
            throw new UnsupportedCapabilityException(provider.getClass().getSimpleName() + " " + provider.ids()
                    + " does not support " + capability + " (it declares " + provider.capabilities() + ")");
        }
    }

    @Override
    public String toString() {
        return "Registry[" + spi.getSimpleName() + " " + ids() + "]";
    }
}
