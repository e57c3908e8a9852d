package io.vlm4j.models.llavaonevision;

import io.vlm4j.testkit.GoldenModelSuite;

/** The golden {@code llava_onevision} cases from messages to HF's tokens, on the djl backend ({@link GoldenModelSuite}). */
class LlavaOnevisionGoldenTest extends GoldenModelSuite {
    @Override
    protected String family() {
        return "llava_onevision";
    }
}
