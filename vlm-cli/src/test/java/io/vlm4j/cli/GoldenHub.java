package io.vlm4j.cli;

import io.vlm4j.runtime.hub.LoopbackHub;
import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A hub on loopback serving the golden tiny OneVision checkpoint, and the environment that points vlm at it. */
final class GoldenHub {
    private GoldenHub() {}

    /** A started hub holding the golden llava_onevision checkpoint as {@code repoId} (weights in git LFS). */
    static LoopbackHub serving(String repoId) throws IOException {
        LoopbackHub hub = LoopbackHub.start();
        LoopbackHub.Repo repo = hub.repo(repoId);
        try (Stream<Path> files = Files.list(GoldenData.model("llava_onevision"))) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                String name = f.getFileName().toString();
                if (name.endsWith(".safetensors")) {
                    repo.lfs(name, Files.readAllBytes(f));
                } else {
                    repo.file(name, Files.readAllBytes(f));
                }
            }
        } catch (IOException | RuntimeException e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    /** HF_ENDPOINT at {@code hub}, and a HuggingFace cache and home of their own under {@code home}. */
    static Map<String, String> environment(LoopbackHub hub, Path home) {
        return Map.of("HF_ENDPOINT", hub.endpoint().toString(),
                "HF_HUB_CACHE", home.resolve("cache").toString(),
                "HF_HOME", home.resolve("hf-home").toString(),
                "HOME", home.toString());
    }
}
