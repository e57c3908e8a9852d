package io.vlm4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.BackendUnavailableException;
import io.vlm4j.UnsupportedModelException;
import io.vlm4j.spi.Availability;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.spi.Provider;
import io.vlm4j.tensor.Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link AutoModel} picks a backend from {@link Options}: by name, or the available one of the highest priority
 * that supports the device; each refusal is a {@link BackendUnavailableException} naming the backend and why.
 */
class BackendsTest {
    @TempDir
    Path dir;

    /** A backend plugin that lives only in this test: its natives are never there, so it creates nothing. */
    record TestBackend(String id, int priority, Availability availability, Set<Capability> capabilities)
            implements BackendProvider {
        @Override
        public Set<String> ids() {
            return Set.of(id);
        }

        @Override
        public int spiVersion() {
            return SPI_VERSION;
        }

        @Override
        public Backend create(BackendOptions options) {
            throw new BackendUnavailableException("backend '" + id + "': its natives failed to load on "
                    + options.device());
        }
    }

    private static final TestBackend CPU_LOW = new TestBackend("cpu-low", 1, Availability.AVAILABLE,
            EnumSet.of(BackendProvider.Capability.CPU));
    private static final TestBackend GPU_HIGH = new TestBackend("gpu-high", 50, Availability.AVAILABLE,
            EnumSet.of(BackendProvider.Capability.CUDA));
    private static final TestBackend MISSING = new TestBackend("missing", 100,
            Availability.unavailable("its natives jar is not on the class path"),
            EnumSet.of(BackendProvider.Capability.CPU, BackendProvider.Capability.CUDA));

    private static Registries registries(List<BackendProvider> backends) {
        List<Provider<?>> providers = new ArrayList<>(backends);
        providers.add(new TinyFamily("tiny"));
        return Registries.of(providers);
    }

    @Test
    void byPriorityTheAvailableBackendOfTheDeviceWins() {
        Registries r = registries(List.of(CPU_LOW, GPU_HIGH, MISSING));

        assertThat(Backends.choose(Options.defaults(), r)).isEqualTo(CPU_LOW);
        assertThat(Backends.choose(Options.builder().device("cuda:0").build(), r)).isEqualTo(GPU_HIGH);
    }

    @Test
    void aBackendAskedForByNameIsTakenEvenAtALowerPriority() {
        Registries r = registries(List.of(CPU_LOW, GPU_HIGH));

        assertThat(Backends.choose(Options.builder().backend("cpu-low").build(), r)).isEqualTo(CPU_LOW);
    }

    @Test
    void anUninstalledBackendIsUnavailableNamingItAndTheInstalledOnes() {
        Registries r = registries(List.of(CPU_LOW, GPU_HIGH));

        assertThatThrownBy(() -> Backends.choose(Options.builder().backend("djl").build(), r))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("backend 'djl' is not installed (installed: cpu-low, gpu-high)");
    }

    @Test
    void anUnavailableBackendAskedForByNameSaysWhy() {
        Registries r = registries(List.of(MISSING));

        assertThatThrownBy(() -> Backends.choose(Options.builder().backend("missing").build(), r))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("backend 'missing' is unavailable: its natives jar is not on the class path");
    }

    @Test
    void aBackendWithoutTheDeviceIsUnavailableNamingBoth() {
        Registries r = registries(List.of(CPU_LOW));

        assertThatThrownBy(() -> Backends.choose(Options.builder().backend("cpu-low").device("cuda").build(), r))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("backend 'cpu-low' does not support device 'cuda'").hasMessageContaining("CPU");
    }

    @Test
    void withNoUsableBackendEachInstalledOneSaysWhy() {
        Registries r = registries(List.of(GPU_HIGH, MISSING));

        assertThatThrownBy(() -> Backends.choose(Options.defaults(), r))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no backend is available for device 'cpu'")
                .hasMessageContaining("gpu-high: no CPU support")
                .hasMessageContaining("missing: its natives jar is not on the class path");
    }

    @Test
    void withNoBackendInstalledTheErrorSaysWhatToAdd() {
        assertThatThrownBy(() -> Backends.choose(Options.defaults(), registries(List.of())))
                .isInstanceOf(BackendUnavailableException.class).hasMessageContaining("add vlm-backend-djl");
    }

    @Test
    void autoModelPassesOnTheBackendsOwnRefusal() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"tiny\"}");

        assertThatThrownBy(() -> AutoModel.fromPretrained(dir, Options.defaults(), registries(List.of(CPU_LOW))))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessage("backend 'cpu-low': its natives failed to load on cpu");
    }

    @Test
    void autoModelRefusesAModelTypeNoFamilyServesNamingIt() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llava_next\"}");

        assertThatThrownBy(() -> AutoModel.fromPretrained(dir, Options.defaults(), registries(List.of(CPU_LOW))))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("'llava_next'");
    }
}
