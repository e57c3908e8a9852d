package io.vlm4j.cli;

import io.vlm4j.runtime.Options;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.testkit.GoldenData;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipelines of the golden tiny checkpoints on djl with one thread, each loaded once: a test class holds one
 * of these in a static field and closes it in its {@code @AfterAll}. Thread-safe.
 */
final class GoldenPipelines implements AutoCloseable {
    private final Map<String, VlmPipeline> pipelines = new ConcurrentHashMap<>();

    /** The pipeline of a family's checkpoint in {@code golden/}. */
    VlmPipeline get(String family) {
        return pipelines.computeIfAbsent(family, f -> VlmPipeline.fromPretrained(GoldenData.model(f).toString(),
                Options.builder().backend("djl").threads(1).build()));
    }

    @Override
    public void close() {
        pipelines.values().forEach(VlmPipeline::close);
        pipelines.clear();
    }
}
