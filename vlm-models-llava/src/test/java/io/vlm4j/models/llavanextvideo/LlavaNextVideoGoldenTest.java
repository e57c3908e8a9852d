package io.vlm4j.models.llavanextvideo;

import io.vlm4j.testkit.GoldenModelSuite;

/** The golden {@code llava_next_video} cases from messages to HF's tokens, on the djl backend ({@link GoldenModelSuite}). */
class LlavaNextVideoGoldenTest extends GoldenModelSuite {
    @Override
    protected String family() {
        return "llava_next_video";
    }
}
