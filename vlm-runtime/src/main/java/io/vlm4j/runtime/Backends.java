package io.vlm4j.runtime;

import io.vlm4j.BackendUnavailableException;
import io.vlm4j.spi.Availability;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.tensor.Backend;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Picks the backend {@link Options} ask for: the provider of that name, or the available provider of the highest
 * priority that supports the device; each refusal names the backend and why. Stateless.
 */
final class Backends {
    private Backends() {}

    /**
     * The provider {@code options} name, or the first by priority that is available and supports the device.
     *
     * @throws BackendUnavailableException naming the backend (or every installed one) and why it cannot be used
     */
    static BackendProvider choose(Options options, Registries registries) {
        BackendProvider.Capability device = options.device().equals("cpu") ? BackendProvider.Capability.CPU
                : BackendProvider.Capability.CUDA;
        if (options.backend() != null) {
            String name = options.backend();
            BackendProvider provider = registries.backends().find(name).orElseThrow(
                    () -> new BackendUnavailableException("backend '" + name + "' is not installed (installed: "
                            + installed(registries) + ")"));
            Availability availability = provider.availability();
            if (!availability.available()) {
                throw new BackendUnavailableException("backend '" + name + "' is unavailable: "
                        + availability.reason());
            }
            if (!provider.capabilities().contains(device)) {
                throw new BackendUnavailableException("backend '" + name + "' does not support device '"
                        + options.device() + "' (it declares " + provider.capabilities() + ")");
            }
            return provider;
        }
        for (BackendProvider provider : registries.backends().byPriority()) {
            if (provider.capabilities().contains(device)) {
                return provider;
            }
        }
        List<BackendProvider> all = registries.backends().all();
        String why = all.isEmpty() ? "none is installed; add vlm-backend-djl to the class path"
                : all.stream().map(p -> String.join("/", p.ids()) + ": " + (p.availability().available()
                        ? "no " + device + " support" : p.availability().reason())).collect(Collectors.joining("; "));
        throw new BackendUnavailableException("no backend is available for device '" + options.device() + "' ("
                + why + ")");
    }

    /**
     * Creates the backend {@code options} ask for.
     *
     * @throws BackendUnavailableException naming the backend and why it cannot be used
     */
    static Backend create(Options options, Registries registries) {
        return choose(options, registries).create(options.backendOptions());
    }

    private static String installed(Registries registries) {
        return registries.backends().ids().isEmpty() ? "none" : String.join(", ", registries.backends().ids());
    }
}
