package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.spi.ImageProcessorFactory;
import io.vlm4j.spi.VideoProcessorFactory;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case with media, tiny (golden/) and real-size (golden-processor/): the processors, found by HF class
 * name through the SPI as production finds them, reproduce HF's {@code pixel_values}, {@code pixel_values_videos},
 * {@code pixel_values_images} and {@code image_sizes}.
 */
class GoldenPixelsTest {
    /** golden/README.md and golden-processor/README.md, "Comparison rule": pixel tensors max |Δ| ≤ 1e-6. */
    static final float PIXELS_MAX_ABS_DIFF = 1e-6f;

    /** The video processor class each family's processor uses (LLaVA-Interleave has none). */
    private static final Map<String, String> VIDEO_PROCESSOR = Map.of(
            "llava_onevision", "LlavaOnevisionVideoProcessor",
            "llava_next_video", "LlavaNextVideoImageProcessor",
            "video_llava", "VideoLlavaImageProcessor");

    static Stream<Arguments> casesWithMedia() {
        List<Arguments> out = new ArrayList<>();
        for (Path base : List.of(GoldenData.golden(), GoldenData.goldenProcessor())) {
            for (Path c : GoldenData.allCases(base)) {
                if (!media(c).isEmpty()) {
                    String name = base.getFileName() + "/" + c.getParent().getFileName() + "/" + c.getFileName();
                    out.add(Arguments.of(name, c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithMedia")
    void reproducesHfPixelTensorsAndImageSizes(String name, Path caseDir, @TempDir Path tmp) {
        String family = caseDir.getParent().getFileName().toString();
        ConfigNode config = ConfigNode.read(caseDir.resolveSibling("model").resolve("preprocessor_config.json"));
        List<String[]> media = media(caseDir);
        List<RgbImage> images = new ArrayList<>();
        List<VideoFrames> videos = new ArrayList<>();
        int videoItems = 0;
        for (String[] item : media) {
            if (item[0].equals("image")) {
                images.add(TestMedia.png(caseDir.resolve(item[1]).normalize()));
            } else {
                int k = videoItems++;
                Path file = caseDir.resolve("expected").resolve(k == 0 ? "frames.safetensors"
                        : "frames_" + k + ".safetensors");
                VideoFrames frames = TestMedia.frames(file);
                if (family.equals("llava")) {
                    images.addAll(frames.frames()); // behaviour 1: a video is one image per frame, in order
                } else {
                    videos.add(frames);
                }
            }
        }
        Path expectedFile = caseDir.resolve("expected/processor.safetensors");
        if (!Files.exists(expectedFile)) {
            expectedFile = TestMedia.gunzipped(caseDir.resolve("expected/processor.safetensors.gz"), tmp);
        }
        try (SafeTensors expected = SafeTensors.open(expectedFile)) {
            Set<String> checked = new HashSet<>();
            if (!images.isEmpty()) {
                String imageClass = config.get("image_processor_type").asString();
                ProcessedImages out = imageFactory(imageClass).create(imageClass, config).preprocess(images);
                String tensor = family.equals("video_llava") ? "pixel_values_images" : "pixel_values";
                assertPixels(name, tensor, expected.get(tensor), out.pixelValues());
                checked.add(tensor);
                if (expected.contains("image_sizes")) {
                    assertImageSizes(name, expected.get("image_sizes"), out.imageSizes());
                    assertThat(Arrays.stream(out.patchesPerImage()).boxed()).as("%s patchesPerImage", name)
                            .allMatch(p -> p >= 1 && p <= out.pixelValues().dim(1));
                    if (images.size() == 1) {
                        assertThat(out.patchesPerImage()[0]).as("%s patchesPerImage", name)
                                .isEqualTo(out.pixelValues().dim(1));
                    }
                    checked.add("image_sizes");
                }
            }
            if (!videos.isEmpty()) {
                String videoClass = VIDEO_PROCESSOR.get(family);
                ProcessedVideos out = videoFactory(videoClass).create(videoClass, config).preprocess(videos);
                assertPixels(name, "pixel_values_videos", expected.get("pixel_values_videos"),
                        out.pixelValuesVideos());
                assertThat(out.framesPerVideo()).as("%s framesPerVideo", name)
                        .containsOnly(out.pixelValuesVideos().dim(1));
                checked.add("pixel_values_videos");
            }
            Set<String> inGolden = new TreeSet<>(expected.tensors().keySet());
            inGolden.removeAll(Set.of("input_ids", "attention_mask"));
            assertThat(checked).as("%s: tensors compared", name).containsExactlyInAnyOrderElementsOf(inGolden);
        }
    }

    static void assertPixels(String name, String tensor, HostTensor expected, HostTensor actual) {
        assertThat(actual.shape()).as("%s %s shape", name, tensor).containsExactly(expected.shape());
        float[] e = expected.toFloats();
        float[] a = actual.toFloats();
        double max = 0;
        int worst = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) e[i] - a[i]);
            if (!(d <= max)) {
                max = d;
                worst = i;
            }
        }
        if (worst >= 0 && !(max <= PIXELS_MAX_ABS_DIFF)) {
            fail("%s %s: max |Δ| %s at flat index %d %s: expected %s, got %s", name, tensor, max, worst,
                    Arrays.toString(unravel(worst, expected.shape())), e[worst], a[worst]);
        }
    }

    private static void assertImageSizes(String name, HostTensor expected, List<ImageSize> actual) {
        long[] e = expected.toLongs();
        long[] a = new long[actual.size() * 2];
        for (int i = 0; i < actual.size(); i++) {
            a[2 * i] = actual.get(i).height();
            a[2 * i + 1] = actual.get(i).width();
        }
        assertThat(a).as("%s image_sizes", name).containsExactly(e);
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = flat % shape[d];
            flat /= shape[d];
        }
        return idx;
    }

    /** The media items of a case's messages, in order: {type, path}. */
    static List<String[]> media(Path caseDir) {
        List<String[]> out = new ArrayList<>();
        for (ConfigNode message : ConfigNode.read(caseDir.resolve("messages.json")).elements()) {
            ConfigNode content = message.get("content");
            if (!content.isArray()) {
                continue;
            }
            for (ConfigNode item : content.elements()) {
                String type = item.get("type").asString();
                if (type.equals("image") || type.equals("video")) {
                    out.add(new String[] {type, item.get("path").asString()});
                }
            }
        }
        return out;
    }

    static ImageProcessorFactory imageFactory(String id) {
        return ServiceLoader.load(ImageProcessorFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.ids().contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no ImageProcessorFactory registered for " + id));
    }

    static VideoProcessorFactory videoFactory(String id) {
        return ServiceLoader.load(VideoProcessorFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.ids().contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no VideoProcessorFactory registered for " + id));
    }
}
