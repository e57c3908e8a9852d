package io.vlm4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The reference data HF transformers produced, shipped as this jar's resources, as a folder on disk:
 * {@code golden/} (tiny checkpoints of the four families and their cases, messages to greedy tokens),
 * {@code golden-processor/} (processors at the real llava-hf settings) and {@code chat-templates/} (real chat
 * templates and probes with HF's rendered output). Each folder's README says what it holds.
 *
 * <p>When the resources lie in a jar they are extracted once into a folder under {@code java.io.tmpdir}
 * named after the jar's size and time, which later JVMs reuse. Thread-safe.
 */
public final class GoldenData {
    private static final String RESOURCE_ROOT = "io/vlm4j/testkit/";
    private static final String MARKER = RESOURCE_ROOT + "golden/README.md";
    private static volatile Path root;

    private GoldenData() {}

    /** The folder holding {@code golden/}, {@code golden-processor/} and {@code chat-templates/}. */
    public static Path root() {
        Path r = root;
        if (r == null) {
            synchronized (GoldenData.class) {
                r = root;
                if (r == null) {
                    r = locate();
                    root = r;
                }
            }
        }
        return r;
    }

    /** {@code golden/}: tiny checkpoints and their cases. */
    public static Path golden() {
        return root().resolve("golden");
    }

    /** {@code golden-processor/}: processor cases at the real llava-hf settings. */
    public static Path goldenProcessor() {
        return root().resolve("golden-processor");
    }

    /** {@code chat-templates/}: templates, message sets and records. */
    public static Path chatTemplates() {
        return root().resolve("chat-templates");
    }

    /** The four family folder names of {@code golden/}. */
    public static List<String> families() {
        return List.of("llava", "llava_onevision", "llava_next_video", "video_llava");
    }

    /** The checkpoint folder of a family in {@code golden/}. */
    public static Path model(String family) {
        return golden().resolve(family).resolve("model");
    }

    /** The case folders of a family under {@code base} ({@link #golden()} or {@link #goldenProcessor()}), sorted. */
    public static List<Path> cases(Path base, String family) {
        try (Stream<Path> s = Files.list(base.resolve(family))) {
            return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().equals("model"))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case folder of every family under {@code base}, sorted by family then case. */
    public static List<Path> allCases(Path base) {
        return families().stream().filter(f -> Files.isDirectory(base.resolve(f)))
                .flatMap(f -> cases(base, f).stream()).collect(Collectors.toList());
    }

    private static Path locate() {
        URL marker = GoldenData.class.getClassLoader().getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException("vlm-testkit resources not found on the class path: " + MARKER);
        }
        try {
            if (marker.getProtocol().equals("file")) {
                return Path.of(marker.toURI()).getParent().getParent();
            }
            if (marker.getProtocol().equals("jar")) {
                return extract((JarURLConnection) marker.openConnection());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("cannot read resources from " + marker);
    }

    private static Path extract(JarURLConnection connection) throws IOException {
        connection.setUseCaches(false);
        Path jarPath;
        try {
            jarPath = Path.of(connection.getJarFileURL().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        String key = Files.size(jarPath) + "-" + Files.getLastModifiedTime(jarPath).toMillis();
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "vlm4j-testkit-" + key);
        Path done = target.resolve(".complete");
        if (Files.exists(done)) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "vlm4j-testkit-staging-");
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                JarEntry entry = en.nextElement();
                if (!entry.getName().startsWith(RESOURCE_ROOT) || entry.isDirectory()) {
                    continue;
                }
                Path out = staging.resolve(entry.getName().substring(RESOURCE_ROOT.length())).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("entry outside the resource root: " + entry.getName());
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createFile(staging.resolve(".complete"));
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another JVM extracted the same jar first: use its copy
            if (!Files.exists(done)) {
                throw e;
            }
            deleteTree(staging);
        }
        return target;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
