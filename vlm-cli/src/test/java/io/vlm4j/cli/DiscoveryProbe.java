package io.vlm4j.cli;

import io.vlm4j.runtime.Registries;
import io.vlm4j.runtime.Registry;
import io.vlm4j.spi.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Run in a fresh JVM by {@link DiscoveryTest}: discovers every provider of every SPI, calls the cheap methods
 * discovery may call, and prints what it found and which native libraries and threads the process then has.
 */
public final class DiscoveryProbe {
    /** The native libraries of the engines vlm4j plugs in: none may be mapped by discovery. */
    static final Pattern ENGINE_LIBRARIES = Pattern.compile(
            "torch|c10|onnxruntime|avcodec|avformat|swscale|jniffmpeg|jnijavacpp|tokenizers|djl", Pattern.CASE_INSENSITIVE);

    private DiscoveryProbe() {}

    public static void main(String[] args) throws IOException {
        Set<String> threadsBefore = threadNames();
        Registries registries = Registries.load(DiscoveryProbe.class.getClassLoader());
        List<Registry<?>> all = List.of(registries.families(), registries.backends(), registries.tokenizers(),
                registries.templateEngines(), registries.imageProcessors(), registries.videoProcessors(),
                registries.videoDecoders());
        for (Registry<?> registry : all) {
            for (Provider<?> p : registry.all()) {
                System.out.println("provider " + registry.spi().getSimpleName() + " " + p.ids() + " available="
                        + p.availability().available() + " priority=" + p.priority() + " capabilities="
                        + p.capabilities());
            }
        }
        for (String lib : mappedLibraries()) {
            System.out.println("library " + lib);
        }
        Set<String> started = threadNames();
        started.removeAll(threadsBefore);
        for (String t : started) {
            System.out.println("thread " + t);
        }
    }

    private static Set<String> mappedLibraries() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.exists(maps)) {
            return Set.of();
        }
        return Files.readAllLines(maps).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(name -> name.endsWith(".so") || name.contains(".so."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon()).map(Thread::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
