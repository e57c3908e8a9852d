package io.vlm4j.models.processing;

import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.Padding;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.PngImages;
import io.vlm4j.testkit.ProcessorCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HF's raw form, {@code processor(text=prompt, images=…, videos=…)}, gives what the chat path gives for that prompt. */
class RawPromptTest {
    private static final RgbImage CHELSEA = PngImages.decode(GoldenData.golden().resolve("images/chelsea.png"));

    @Test
    void interleavePromptWithTheFramesAsImagesEqualsTheChatPath() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava/video_two"));
        List<RgbImage> frames = new ArrayList<>();
        for (VideoFrames v : c.frames()) {
            frames.addAll(v.frames());
        }

        BatchFeature out = GoldenProcessors.processor(c.model()).process(List.of(c.expectedPrompt()), frames,
                List.of(), Padding.none());

        c.assertMatches(out);
    }

    @Test
    void oneVisionPromptWithAnImageAndAVideoEqualsTheChatPath() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/image_and_video"));

        BatchFeature out = GoldenProcessors.processor(c.model()).process(c.expectedPrompt(), List.of(CHELSEA),
                c.frames());

        c.assertMatches(out);
    }

    @Test
    void nextVideoPromptAcrossTurnsEqualsTheChatPath() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava_next_video/image_then_video"));

        BatchFeature out = GoldenProcessors.processor(c.model()).process(c.expectedPrompt(), List.of(CHELSEA),
                c.frames());

        c.assertMatches(out);
    }
}
