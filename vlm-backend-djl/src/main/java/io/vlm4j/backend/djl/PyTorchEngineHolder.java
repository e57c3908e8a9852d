package io.vlm4j.backend.djl;

import ai.djl.engine.Engine;
import io.vlm4j.BackendUnavailableException;

/**
 * Loads DJL's PyTorch engine once per JVM, after opting DJL out of the network.
 *
 * <p>DJL's {@code Engine} class calls home when it initializes ({@code Ec2Utils.callHome}: HTTP to the EC2
 * metadata address, then S3) and downloads natives it does not find, unless offline mode is on. This holder sets
 * the system property {@value #OFFLINE_PROPERTY}{@code =true} before any DJL class initializes — unless the user
 * set the property explicitly, which is how one opts back in ({@code -Dai.djl.offline=false}; DJL's environment
 * variable {@code DJL_OFFLINE}, when set, overrides both). {@link DjlBackendProvider#create} touches this class
 * first; discovery never does. Initialization is the JVM's class initialization, so it is race-free.
 */
final class PyTorchEngineHolder {
    /** DJL's offline switch (read by {@code ai.djl.util.Utils.isOfflineMode}). */
    static final String OFFLINE_PROPERTY = "ai.djl.offline";

    /** True when this holder set {@value #OFFLINE_PROPERTY}, false when the user had set it. */
    static final boolean OFFLINE_SET_HERE;

    private static final Engine ENGINE;
    private static final RuntimeException FAILURE;

    static {
        // Must run before ai.djl.engine.Engine initializes: its static initializer calls home.
        OFFLINE_SET_HERE = System.getProperty(OFFLINE_PROPERTY) == null;
        if (OFFLINE_SET_HERE) {
            System.setProperty(OFFLINE_PROPERTY, "true");
        }
        Engine engine = null;
        RuntimeException failure = null;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError e) {
            failure = new BackendUnavailableException("djl: cannot load the PyTorch engine: " + e.getMessage()
                    + " (the natives come from ai.djl.pytorch:pytorch-native-cpu on the class path, or "
                    + "PYTORCH_LIBRARY_PATH; nothing is downloaded)", e);
        }
        ENGINE = engine;
        FAILURE = failure;
    }

    private PyTorchEngineHolder() {}

    /** The engine. @throws BackendUnavailableException if it failed to load (the same error every time) */
    static Engine engine() {
        if (FAILURE != null) {
            throw new BackendUnavailableException(FAILURE.getMessage(), FAILURE.getCause());
        }
        return ENGINE;
    }
}
