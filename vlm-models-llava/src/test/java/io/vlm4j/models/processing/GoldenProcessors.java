package io.vlm4j.models.processing;

import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ProcessorCase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The golden cases of this module's families, and one processor per checkpoint folder shared by the tests. */
final class GoldenProcessors {
    static final List<String> FAMILIES = List.of("llava", "llava_onevision", "llava_next_video");

    private static final Map<Path, Processor> PROCESSORS = new ConcurrentHashMap<>();

    private GoldenProcessors() {}

    /** Every case of {@code golden/} and {@code golden-processor/} of these families. */
    static Stream<ProcessorCase> cases() {
        return Stream.of(GoldenData.golden(), GoldenData.goldenProcessor())
                .flatMap(base -> FAMILIES.stream().flatMap(f -> GoldenData.cases(base, f).stream()))
                .map(ProcessorCase::of);
    }

    /** The cases with at least one video item. */
    static Stream<ProcessorCase> videoCases() {
        return cases().filter(c -> !c.frameFiles().isEmpty());
    }

    static List<ProcessorCase> caseList() {
        return cases().collect(Collectors.toList());
    }

    /** The processor of a checkpoint folder, built once. */
    static Processor processor(Path model) {
        return PROCESSORS.computeIfAbsent(model, AutoProcessor::fromPretrained);
    }

    /** The processor of a family's tiny golden checkpoint. */
    static Processor processor(String family) {
        return processor(GoldenData.model(family));
    }
}
