package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** How preprocessor configs are read: HF's defaults, and errors that name the JSON path of a bad value. */
class ProcessorConfigTest {
    private static final HfImageProcessorFactory IMAGES = new HfImageProcessorFactory();
    private static final HfVideoProcessorFactory VIDEOS = new HfVideoProcessorFactory();

    private static ConfigNode json(String text) {
        return ConfigNode.parse(text, "preprocessor_config.json");
    }

    private static RgbImage flat(int width, int height, int value) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new RgbImage(width, height, rgb);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SiglipImageProcessor         | {"size": {"height": "big", "width": 3}}               | $.size.height
            SiglipImageProcessor         | {"size": {"shortest_edge": 384}}                      | $.size
            CLIPImageProcessor           | {"image_mean": [0.5, 0.5]}                             | $.image_mean
            CLIPImageProcessor           | {"image_std": [0.5, 0, 0.5]}                           | $.image_std[1]
            CLIPImageProcessor           | {"resample": 7}                                        | $.resample
            CLIPImageProcessor           | {"do_resize": "yes"}                                   | $.do_resize
            CLIPImageProcessor           | {"crop_size": {"shortest_edge": 224}}                  | $.crop_size
            CLIPImageProcessor           | {"size": {"longest_edge": 5, "foo": 1}}                | $.size
            CLIPImageProcessor           | {"size": -3}                                           | $.size
            CLIPImageProcessor           | {"rescale_factor": "1/255"}                            | $.rescale_factor
            VideoLlavaImageProcessor     | {"crop_size": [224]}                                   | $.crop_size
            LlavaNextImageProcessor      | {"image_grid_pinpoints": [[336, 672], [672]]}          | $.image_grid_pinpoints[1]
            LlavaNextImageProcessor      | {"image_grid_pinpoints": [[336, 0]]}                   | $.image_grid_pinpoints[0][1]
            LlavaNextImageProcessor      | {"do_pad": false}                                      | $.do_pad
            LlavaOnevisionImageProcessor | {"size": {"shortest_edge": 384}}                       | $.size
            LlavaOnevisionImageProcessor | {"do_pad": null}                                       | $.do_pad
            """)
    void aBadImageProcessorValueNamesItsJsonPath(String className, String config, String path) {
        assertThatThrownBy(() -> IMAGES.create(className, json(config)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("preprocessor_config.json " + path + ":");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            LlavaOnevisionVideoProcessor | {"size": {"max_height": 5, "max_width": 5}}            | $.size
            LlavaOnevisionVideoProcessor | {"image_mean": "half"}                                 | $.image_mean
            LlavaNextVideoImageProcessor | {"resample": 2.5}                                      | $.resample
            VideoLlavaImageProcessor     | {"do_center_crop": 1}                                  | $.do_center_crop
            """)
    void aBadVideoProcessorValueNamesItsJsonPath(String className, String config, String path) {
        assertThatThrownBy(() -> VIDEOS.create(className, json(config)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("preprocessor_config.json " + path + ":");
    }

    @Test
    void anUnknownProcessorClassIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> IMAGES.create("BlipImageProcessor", json("{}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"BlipImageProcessor\"")
                .hasMessageContaining("SiglipImageProcessor").hasMessageContaining("LlavaOnevisionImageProcessor");
        assertThatThrownBy(() -> VIDEOS.create("BlipVideoProcessor", json("{}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"BlipVideoProcessor\"").hasMessageContaining("LlavaNextVideoImageProcessor");
        assertThatThrownBy(() -> IMAGES.create(json("{\"image_processor_type\": \"BlipImageProcessor\"}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("$.image_processor_type")
                .hasMessageContaining("BlipImageProcessor").hasMessageContaining("CLIPImageProcessor");
    }

    @Test
    void theFactoriesAreRegisteredUnderTheHfClassNames() {
        assertThat(java.util.ServiceLoader.load(io.vlm4j.spi.ImageProcessorFactory.class).stream()
                .flatMap(p -> p.get().ids().stream()))
                .contains("SiglipImageProcessor", "CLIPImageProcessor", "VideoLlavaImageProcessor",
                        "LlavaNextImageProcessor", "LlavaOnevisionImageProcessor");
        assertThat(java.util.ServiceLoader.load(io.vlm4j.spi.VideoProcessorFactory.class).stream()
                .flatMap(p -> p.get().ids().stream()))
                .contains("LlavaOnevisionVideoProcessor", "LlavaNextVideoImageProcessor", "VideoLlavaImageProcessor");
        assertThat(IMAGES.spiVersion()).isEqualTo(io.vlm4j.spi.ImageProcessorFactory.SPI_VERSION);
        assertThat(VIDEOS.spiVersion()).isEqualTo(io.vlm4j.spi.VideoProcessorFactory.SPI_VERSION);
        assertThat(IMAGES.capabilities()).containsExactly(io.vlm4j.spi.ImageProcessorFactory.Capability.HF_EXACT);
    }

    @Test
    void theImageProcessorTypeOfTheConfigPicksTheClass() {
        ConfigNode config = json("{\"image_processor_type\": \"SiglipImageProcessor\", \"size\": {\"height\": 9,"
                + " \"width\": 5}}");
        assertThat(IMAGES.create(config)).isInstanceOf(SiglipImageProcessor.class);
    }

    /**
     * A 500x300 black image with {@code {}}: the class defaults' sizes (NeXT: 224 tiles cut from the 336x672 pinpoint,
     * 2x3 of them; OneVision: 1x2 tiles of 384) and mean/std (the first value is {@code (0 - mean) / std}).
     */
    static Stream<Arguments> defaults() {
        double clip = (0 - 0.48145466f) / 0.26862954f;
        return Stream.of(
                Arguments.of("SiglipImageProcessor", new int[] {1, 3, 224, 224}, (double) ((0f - 0.5f) / 0.5f)),
                Arguments.of("CLIPImageProcessor", new int[] {1, 3, 224, 224}, (double) (float) clip),
                Arguments.of("VideoLlavaImageProcessor", new int[] {1, 3, 224, 224}, (double) (float) clip),
                Arguments.of("LlavaNextImageProcessor", new int[] {1, 7, 3, 224, 224}, (double) (float) clip),
                Arguments.of("LlavaOnevisionImageProcessor", new int[] {1, 3, 3, 384, 384}, (double) (float) clip));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void anEmptyConfigTakesTheClassDefaults(String className, int[] shape, double firstValue) {
        ProcessedImages out = IMAGES.create(className, json("{}")).preprocess(List.of(flat(500, 300, 0)));
        assertThat(out.pixelValues().shape()).containsExactly(shape);
        assertThat((double) out.pixelValues().toFloats()[0]).isEqualTo(firstValue);
    }

    @Test
    void aNullFlagIsFalseLikePythonsNone() {
        // do_normalize: null overrides the default True; the values are only rescaled
        ProcessedImages out = IMAGES.create("SiglipImageProcessor", json("{\"do_normalize\": null}"))
                .preprocess(List.of(flat(10, 10, 255)));
        assertThat(out.pixelValues().toFloats()[0]).isEqualTo((float) (255 * (1.0 / 255)));
    }

    @Test
    void videoPreprocessorConfigBuildsTheSameVideoProcessorsOnTheGoldenCheckpoints() {
        // HF 4.46 reads preprocessor_config.json for the video processors; the other file must not matter
        for (Path base : List.of(GoldenData.golden(), GoldenData.goldenProcessor())) {
            for (String[] fv : new String[][] {{"llava_onevision", "LlavaOnevisionVideoProcessor"},
                    {"llava_next_video", "LlavaNextVideoImageProcessor"}}) {
                Path model = base.resolve(fv[0]).resolve("model");
                VideoFrames frames = TestMedia.frames(GoldenData.golden().resolve(
                        "llava_onevision/video_cat/expected/frames.safetensors"));
                HostTensor a = VIDEOS.create(fv[1], ConfigNode.read(model.resolve("preprocessor_config.json")))
                        .preprocess(List.of(frames)).pixelValuesVideos();
                HostTensor b = VIDEOS.create(fv[1],
                        ConfigNode.read(model.resolve("video_preprocessor_config.json")))
                        .preprocess(List.of(frames)).pixelValuesVideos();
                assertThat(a.toFloats()).as("%s %s", base.getFileName(), fv[0]).isEqualTo(b.toFloats());
            }
        }
    }
}
