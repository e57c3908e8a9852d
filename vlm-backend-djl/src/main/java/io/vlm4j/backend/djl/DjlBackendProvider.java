package io.vlm4j.backend.djl;

import io.vlm4j.spi.Availability;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.tensor.Backend;
import java.util.EnumSet;
import java.util.Set;

/**
 * The {@code djl} backend: the tensor SPI on DJL's PyTorch engine, CPU by default, CUDA where CUDA natives and a
 * GPU are present.
 *
 * <p>Discovery is cheap: {@link #availability()} only looks for the natives' marker resources on the class path;
 * no DJL class is initialized and no native is loaded until {@link #create}, which goes through
 * {@link PyTorchEngineHolder} (it opts DJL out of network access first). Thread-safe.
 */
public final class DjlBackendProvider implements BackendProvider {
    /** The id of this backend. */
    public static final String ID = "djl";

    /** The class-path resource the PyTorch natives jar ({@code pytorch-native-*}) carries. */
    static final String NATIVES_MARKER = "native/lib/pytorch.properties";
    /** The class-path resource the DJL PyTorch JNI jar carries. */
    static final String JNI_MARKER = "jnilib/pytorch.properties";

    @Override
    public Set<String> ids() {
        return Set.of(ID);
    }

    @Override
    public int spiVersion() {
        return SPI_VERSION;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.CPU, Capability.CUDA);
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        ClassLoader loader = DjlBackendProvider.class.getClassLoader();
        if (loader.getResource(JNI_MARKER) == null) {
            return Availability.unavailable("DJL's PyTorch JNI (ai.djl.pytorch:pytorch-jni) is not on the class path");
        }
        if (loader.getResource(NATIVES_MARKER) == null && System.getenv("PYTORCH_LIBRARY_PATH") == null
                && System.getProperty("PYTORCH_LIBRARY_PATH") == null) {
            return Availability.unavailable("no PyTorch natives: ai.djl.pytorch:pytorch-native-cpu (or a CUDA "
                    + "flavour) is not on the class path and PYTORCH_LIBRARY_PATH is not set; vlm4j never "
                    + "downloads natives");
        }
        return Availability.AVAILABLE;
    }

    /**
     * Loads the PyTorch engine (the first time in a JVM it extracts ~450 MB of natives into DJL's cache,
     * {@code ~/.djl.ai}, which takes seconds) and makes a backend on the device asked.
     *
     * @throws io.vlm4j.BackendUnavailableException if the natives cannot be loaded, or CUDA is asked for on a
     *     machine or a build without it
     */
    @Override
    public Backend create(BackendOptions options) {
        return DjlBackend.create(PyTorchEngineHolder.engine(), options);
    }
}
