package io.vlm4j.models.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.processing.Processor;
import io.vlm4j.testkit.ProcessorCase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case of llava, llava_onevision and llava_next_video through {@code AutoProcessor} and chat messages. */
class GoldenProcessorTest {
    static Stream<ProcessorCase> cases() {
        return GoldenProcessors.cases();
    }

    static Stream<ProcessorCase> videoCases() {
        return GoldenProcessors.videoCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chatMessagesWithTheGoldenFramesGiveHfsPromptIdsAndPixels(ProcessorCase c) {
        Processor processor = GoldenProcessors.processor(c.model());

        BatchFeature out = processor.apply(c.conversationWithDecodedImages(),
                ChatOptions.defaults().withVideoFrames(c.frames()));

        c.assertMatches(out);
        assertMediaItemsCoverEveryPlaceholder(c, out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videoCases")
    void decodingTheVideoFilesGivesTheSameBatchAsTheGoldenFrames(ProcessorCase c) {
        Processor processor = GoldenProcessors.processor(c.model());

        BatchFeature out = processor.apply(c.conversationWithDecodedImages(), ChatOptions.defaults());

        c.assertMatches(out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applyChatTemplateGivesThePromptAlone(ProcessorCase c) {
        Processor processor = GoldenProcessors.processor(c.model());

        String prompt = processor.applyChatTemplate(c.conversation(), ChatOptions.defaults());

        assertThat(prompt).as(c.name()).isEqualTo(c.expectedPrompt());
    }

    static Stream<ProcessorCase> imageCases() {
        return GoldenProcessors.cases().filter(c -> c.hasImages());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageCases")
    void decodingTheImageFilesGivesTheSameBatchAsDecodedImages(ProcessorCase c) {
        Processor processor = GoldenProcessors.processor(c.model());

        BatchFeature out = processor.apply(c.conversation(),
                ChatOptions.defaults().withVideoFrames(c.frames()));

        c.assertMatches(out);
    }

    /** Each item's tokens are a run of its placeholder id, and the runs are every placeholder id of the row. */
    static void assertMediaItemsCoverEveryPlaceholder(ProcessorCase c, BatchFeature out) {
        for (int row = 0; row < out.batchSize(); row++) {
            int[] ids = out.ids(row);
            boolean[] covered = new boolean[ids.length];
            int previousEnd = 0;
            for (MediaItem m : out.media(row)) {
                assertThat(m.tokenOffset()).as("%s: %s starts after the previous item", c, m)
                        .isGreaterThanOrEqualTo(previousEnd);
                for (int i = m.tokenOffset(); i < m.tokenEnd(); i++) {
                    assertThat(ids[i]).as("%s: %s token %d", c, m, i).isEqualTo(m.tokenId());
                    covered[i] = true;
                }
                previousEnd = m.tokenEnd();
            }
            java.util.Set<Integer> placeholderIds = new java.util.HashSet<>();
            out.media().forEach(m -> placeholderIds.add(m.tokenId()));
            for (int i = 0; i < ids.length; i++) {
                if (placeholderIds.contains(ids[i])) {
                    assertThat(covered[i]).as("%s: placeholder id at %d belongs to an item", c, i).isTrue();
                }
            }
        }
        long images = out.media(MediaKind.IMAGE).size();
        long videos = out.media(MediaKind.VIDEO).size();
        out.find(BatchFeature.PIXEL_VALUES).ifPresent(t -> assertThat(t.dim(0)).as("%s: images", c)
                .isEqualTo((int) images));
        out.find(BatchFeature.PIXEL_VALUES_VIDEOS).ifPresent(t -> assertThat(t.dim(0)).as("%s: videos", c)
                .isEqualTo((int) videos));
    }
}
