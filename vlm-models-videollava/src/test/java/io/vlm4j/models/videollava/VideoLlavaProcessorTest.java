package io.vlm4j.models.videollava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.PngImages;
import io.vlm4j.testkit.ProcessorCase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case of video_llava through {@code AutoProcessor}, and its raw prompt form. */
class VideoLlavaProcessorTest {
    private static final Map<Path, Processor> PROCESSORS = new ConcurrentHashMap<>();
    private static final RgbImage CHELSEA = PngImages.decode(GoldenData.golden().resolve("images/chelsea.png"));

    static Stream<ProcessorCase> cases() {
        return Stream.of(GoldenData.golden(), GoldenData.goldenProcessor())
                .flatMap(base -> GoldenData.cases(base, "video_llava").stream()).map(ProcessorCase::of);
    }

    static Stream<ProcessorCase> videoCases() {
        return cases().filter(c -> !c.frameFiles().isEmpty());
    }

    static Stream<ProcessorCase> imageCases() {
        return cases().filter(ProcessorCase::hasImages);
    }

    private static Processor processor(ProcessorCase c) {
        return PROCESSORS.computeIfAbsent(c.model(), AutoProcessor::fromPretrained);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chatMessagesWithTheGoldenFramesGiveHfsPromptIdsAndPixels(ProcessorCase c) {
        BatchFeature out = processor(c).apply(c.conversationWithDecodedImages(),
                ChatOptions.defaults().withVideoFrames(c.frames()));

        c.assertMatches(out);
        assertThat(out.tensors().keySet()).as("HF's order: pixels first").last().isEqualTo(BatchFeature.ATTENTION_MASK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("videoCases")
    void decodingTheVideoFilesGivesTheSameBatchAsTheGoldenFrames(ProcessorCase c) {
        c.assertMatches(processor(c).apply(c.conversationWithDecodedImages(), ChatOptions.defaults()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageCases")
    void decodingTheImageFilesGivesTheSameBatchAsDecodedImages(ProcessorCase c) {
        c.assertMatches(processor(c).apply(c.conversation(), ChatOptions.defaults()));
    }

    @Test
    void imagesDropTheClsFeatureAndVideoFramesKeepIt() {
        ProcessorCase image = ProcessorCase.of(GoldenData.goldenProcessor().resolve("video_llava/image_chelsea"));
        ProcessorCase video = ProcessorCase.of(GoldenData.goldenProcessor().resolve("video_llava/video_ntsc"));

        MediaItem i = processor(image).apply(image.conversationWithDecodedImages(), ChatOptions.defaults())
                .media().get(0);
        MediaItem v = processor(video).apply(video.conversation(),
                ChatOptions.defaults().withVideoFrames(video.frames())).media().get(0);

        // golden-processor README: images 16 * 16 = 256, videos 8 * (256 + 1) = 2056
        assertThat(i.kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(i.tokenCount()).isEqualTo(256);
        assertThat(v.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(v.tokenCount()).isEqualTo(2056);
        assertThat(v.frames()).isEqualTo(8);
    }

    @Test
    void theRawVicunaStylePromptEqualsTheChatPath() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        BatchFeature out = processor(c).process("USER: <video>\nWhy is this video funny? ASSISTANT:", List.of(),
                c.frames());

        c.assertMatches(out);
    }

    @Test
    void aRawPromptWithAnImageAndAVideoExpandsEach() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        BatchFeature out = processor(c).process("USER: <image>\n<video>\nSame cat? ASSISTANT:", List.of(CHELSEA),
                c.frames());

        assertThat(out.media()).extracting(MediaItem::kind, MediaItem::tokenCount, MediaItem::sourceIndex)
                .containsExactly(tuple(MediaKind.IMAGE, 9, 0),
                        tuple(MediaKind.VIDEO, 8 * 10, 1));
        assertThat(out.tensors().keySet()).containsExactly(BatchFeature.PIXEL_VALUES_VIDEOS,
                BatchFeature.PIXEL_VALUES_IMAGES, BatchFeature.INPUT_IDS, BatchFeature.ATTENTION_MASK);
    }

    @Test
    void aVideoForAnImagePlaceholderIsAKindMismatch() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("video_llava/video_cat"));

        assertThatThrownBy(() -> processor(c).process("USER: <image>\nWhy? ASSISTANT:", List.of(), c.frames()))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("1 <image> placeholder and 0 <video> placeholders")
                .hasMessageContaining("0 images and 1 video");
    }
}
