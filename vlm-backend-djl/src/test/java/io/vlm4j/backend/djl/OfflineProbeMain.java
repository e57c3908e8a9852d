package io.vlm4j.backend.djl;

import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;

/** Run in a child JVM by {@link DjlBackendProviderTest}: creates the backend and prints what the probe saw. */
public final class OfflineProbeMain {
    private OfflineProbeMain() {}

    public static void main(String[] args) {
        try (Backend backend = new DjlBackendProvider().create(BackendOptions.cpu())) {
            System.out.println("offlineAtEngineInit=" + OfflineProbeEngineProvider.offlineAtEngineInit());
            System.out.println("setHere=" + PyTorchEngineHolder.OFFLINE_SET_HERE);
            System.out.println("backend=" + backend.device());
        }
    }
}
