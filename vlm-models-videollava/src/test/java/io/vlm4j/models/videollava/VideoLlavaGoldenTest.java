package io.vlm4j.models.videollava;

import io.vlm4j.testkit.GoldenModelSuite;

/** The golden {@code video_llava} cases from messages to HF's tokens, on the djl backend ({@link GoldenModelSuite}). */
class VideoLlavaGoldenTest extends GoldenModelSuite {
    @Override
    protected String family() {
        return "video_llava";
    }
}
