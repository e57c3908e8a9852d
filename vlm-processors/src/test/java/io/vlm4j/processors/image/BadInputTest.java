package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorCode;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.testkit.GoldenData;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tiny and extremely elongated images go through every processor at the real checkpoint settings (HF's
 * arithmetic, no crash, finite pixels, the shapes the anyres arithmetic predicts); empty or unstackable batches
 * are typed errors.
 */
class BadInputTest {
    private static final int[][] WIDTH_HEIGHT = {{1, 1}, {2000, 1}, {1, 2000}, {500, 3}, {3, 500}, {7, 2}};

    private static RgbImage random(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        new Random(width * 31L + height).nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }

    private static ConfigNode config(String family) {
        return ConfigNode.read(GoldenData.goldenProcessor().resolve(family).resolve("model/preprocessor_config.json"));
    }

    static Stream<Arguments> imageProcessors() {
        return Stream.of(
                Arguments.of("llava", "SiglipImageProcessor"),
                Arguments.of("video_llava", "VideoLlavaImageProcessor"),
                Arguments.of("video_llava", "CLIPImageProcessor"),
                Arguments.of("llava_next_video", "LlavaNextImageProcessor"),
                Arguments.of("llava_onevision", "LlavaOnevisionImageProcessor"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("imageProcessors")
    void processesOnePixelAndExtremeAspectRatios(String family, String className) {
        ConfigNode config = config(family);
        ImageProcessor processor = new HfImageProcessorFactory().create(className, config);
        for (int[] wh : WIDTH_HEIGHT) {
            RgbImage image = random(wh[0], wh[1]);
            ProcessedImages out = processor.preprocess(List.of(image));
            int[] shape = out.pixelValues().shape();
            assertThat(shape[shape.length - 3]).isEqualTo(3);
            if (className.startsWith("Llava")) {
                List<ImageSize> pinpoints = PreprocessorConfig.pinpoints(config, List.of());
                int tile = shape[shape.length - 1];
                assertThat(out.patchesPerImage()[0]).as("%s %dx%d", className, wh[0], wh[1]).isEqualTo(
                        AnyResolution.imageSizeToNumPatches(new ImageSize(wh[1], wh[0]), pinpoints, tile));
                assertThat(out.imageSizes()).containsExactly(new ImageSize(wh[1], wh[0]));
            }
            float[] values = out.pixelValues().toFloats();
            int firstNonFinite = -1;
            for (int i = 0; i < values.length && firstNonFinite < 0; i++) {
                firstNonFinite = Float.isFinite(values[i]) ? -1 : i;
            }
            assertThat(firstNonFinite).as("%s %dx%d: first non-finite pixel", className, wh[0], wh[1])
                    .isEqualTo(-1);
        }
    }

    @Test
    void aResizeBeforeACropComputesOnlyTheCrop() {
        // shortest edge 224 makes a 100000x1 image 22,400,000 wide; only the 224x224 crop is computed
        ProcessedImages out = new HfImageProcessorFactory().create("CLIPImageProcessor", config("video_llava"))
                .preprocess(List.of(random(100_000, 1)));
        assertThat(out.pixelValues().shape()).containsExactly(1, 3, 224, 224);
    }

    @Test
    void videosOfTinyFramesWork() {
        VideoFrames video = new VideoFrames(List.of(random(1, 1), random(1, 1)), new int[] {0, 1});
        for (String[] fc : new String[][] {{"llava_onevision", "LlavaOnevisionVideoProcessor"},
                {"llava_next_video", "LlavaNextVideoImageProcessor"}, {"video_llava", "VideoLlavaImageProcessor"}}) {
            ProcessedVideos out = new HfVideoProcessorFactory().create(fc[1], config(fc[0])).preprocess(List.of(video));
            assertThat(out.pixelValuesVideos().dim(1)).isEqualTo(2);
            assertThat(out.framesPerVideo()).containsExactly(2);
        }
    }

    @Test
    void anEmptyBatchIsAnInvalidArgument() {
        assertThatThrownBy(() -> new HfImageProcessorFactory().create("SiglipImageProcessor", config("llava"))
                .preprocess(List.of()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("no images");
    }

    @Test
    void videosWithDifferentFrameCountsCannotBeStacked() {
        VideoFrames two = new VideoFrames(List.of(random(5, 5), random(5, 5)), new int[] {0, 1});
        VideoFrames one = new VideoFrames(List.of(random(5, 5)), new int[] {0});
        assertThatThrownBy(() -> new HfVideoProcessorFactory().create("LlavaOnevisionVideoProcessor",
                config("llava_onevision")).preprocess(List.of(two, one)))
                .isInstanceOf(MediaMismatchException.class).hasMessageContaining("2 frames")
                .hasMessageContaining("video 1 has 1");
    }

    @Test
    void imagesThatKeepDifferentSizesCannotBeStacked() {
        ConfigNode config = ConfigNode.parse("{\"do_resize\": false}", "preprocessor_config.json");
        assertThatThrownBy(() -> SiglipImageProcessor.fromConfig(config)
                .preprocess(List.of(random(5, 5), random(6, 5))))
                .isInstanceOf(MediaMismatchException.class).hasMessageContaining("image 1 becomes 5x6");
    }
}
