package io.vlm4j.models.llava;

import io.vlm4j.testkit.GoldenModelSuite;

/** The golden {@code llava} cases from messages to HF's tokens, on the djl backend ({@link GoldenModelSuite}). */
class LlavaGoldenTest extends GoldenModelSuite {
    @Override
    protected String family() {
        return "llava";
    }
}
