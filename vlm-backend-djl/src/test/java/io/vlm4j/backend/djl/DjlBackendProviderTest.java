package io.vlm4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.pytorch.jni.JniUtils;
import io.vlm4j.BackendUnavailableException;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.spi.BackendProvider;
import io.vlm4j.tensor.Backend;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DjlBackendProviderTest {

    @Test
    void isFoundByServiceLoaderUnderItsId() {
        List<String> ids = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            ids.addAll(p.ids());
        }
        assertThat(ids).contains("djl");
        DjlBackendProvider provider = new DjlBackendProvider();
        assertThat(provider.spiVersion()).isEqualTo(BackendProvider.SPI_VERSION);
        assertThat(provider.capabilities()).contains(BackendProvider.Capability.CPU, BackendProvider.Capability.CUDA);
        assertThat(provider.availability().available()).isTrue();
    }

    /** A class loader of the test class path, isolated from this JVM's, that says which classes it loaded. */
    private static final class IsolatedLoader extends URLClassLoader {
        IsolatedLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    @Test
    void discoveryLoadsNoDjlClassAndNoNatives() throws Exception {
        try (IsolatedLoader loader = new IsolatedLoader(classPath())) {
            Class<?> spi = loader.loadClass(BackendProvider.class.getName());
            List<Object> found = new ArrayList<>();
            for (Object p : ServiceLoader.load(spi, loader)) {
                found.add(p);
                Method ids = spi.getMethod("ids");
                Method availability = spi.getMethod("availability");
                Method capabilities = spi.getMethod("capabilities");
                ids.invoke(p);
                availability.invoke(p);
                capabilities.invoke(p);
            }
            assertThat(found).extracting(p -> p.getClass().getName()).contains(DjlBackendProvider.class.getName());
            assertThat(loader.loaded("ai.djl.engine.Engine")).as("ai.djl.engine.Engine loaded").isFalse();
            assertThat(loader.loaded("ai.djl.pytorch.jni.LibUtils")).as("LibUtils loaded").isFalse();
            assertThat(loader.loaded(PyTorchEngineHolder.class.getName())).as("holder loaded").isFalse();
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return urls.toArray(new URL[0]);
    }

    @Test
    void setsDjlOfflineBeforeTheEngineInitializes() throws Exception {
        String out = runProbe(List.of());
        assertThat(out).contains("offlineAtEngineInit=true").contains("setHere=true");
    }

    @Test
    void keepsAnExplicitUserSettingOfDjlOffline() throws Exception {
        // OPT_OUT_TRACKING=true stays set in the child, so even this run cannot call home
        String out = runProbe(List.of("-Dai.djl.offline=false"));
        assertThat(out).contains("offlineAtEngineInit=false").contains("setHere=false");
    }

    /** Runs {@link OfflineProbeMain} in a fresh JVM without DJL's offline switches (but opted out of tracking). */
    private static String runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(OfflineProbeMain.class.getName());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DJL_OFFLINE");
        pb.environment().put("OPT_OUT_TRACKING", "true");
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void cudaOnAMachineOrBuildWithoutItIsUnavailable() {
        assertThatThrownBy(() -> new DjlBackendProvider().create(new BackendOptions("cuda", 0)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("cuda")
                .hasMessageContaining("--device cpu");
    }

    @Test
    void threadsOptionSetsPyTorchIntraOpThreads() {
        int original = JniUtils.getNumThreads();
        try (Backend backend = new DjlBackendProvider().create(new BackendOptions("cpu", 1))) {
            assertThat(JniUtils.getNumThreads()).isEqualTo(1);
            assertThat(backend.device()).isEqualTo("cpu");
            assertThat(backend.name()).isEqualTo("djl");
        } finally {
            JniUtils.setNumThreads(original);
        }
    }

    @Test
    void declaresCpuAndCuda() {
        assertThat(new DjlBackendProvider().capabilities())
                .isEqualTo(Set.of(BackendProvider.Capability.CPU, BackendProvider.Capability.CUDA));
    }
}
