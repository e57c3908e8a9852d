package io.vlm4j.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineProvider;

/**
 * A DJL engine provider that DJL's {@code Engine} class instantiates while it initializes — just before it calls
 * home — and that records the value of {@code ai.djl.offline} at that moment. It never provides an engine.
 */
public final class OfflineProbeEngineProvider implements EngineProvider {
    private static volatile String offlineAtEngineInit = "never";

    public OfflineProbeEngineProvider() {
        offlineAtEngineInit = String.valueOf(System.getProperty("ai.djl.offline"));
    }

    static String offlineAtEngineInit() {
        return offlineAtEngineInit;
    }

    @Override
    public String getEngineName() {
        return "OfflineProbe";
    }

    @Override
    public int getEngineRank() {
        return Integer.MAX_VALUE;
    }

    @Override
    public Engine getEngine() {
        throw new UnsupportedOperationException("the offline probe provides no engine");
    }
}
