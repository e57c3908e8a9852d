package io.vlm4j.bench;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ImageProcessor;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import io.vlm4j.processing.VideoProcessor;
import io.vlm4j.processors.image.HfImageProcessorFactory;
import io.vlm4j.processors.image.HfVideoProcessorFactory;
import io.vlm4j.testkit.GoldenData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Image and video preprocessing at the real llava-hf settings (the golden-processor checkpoints' configs), one
 * thread, on synthetic frames made here: the four cases the processors issue sets goals for, side by side with HF's
 * slow processors on this machine (best of 5, one thread): OneVision 1920x1080 image 41.7 ms, OneVision video
 * 16 x 1280x720 102 ms, NeXT-Video video 16 x 720p 111 ms, Video-LLaVA video 8 x 720p 44 ms.
 *
 * <p>Run: {@code java -cp <vlm-bench classpath> org.openjdk.jmh.Main PreprocessingBench}. To compare two versions
 * of {@code vlm-processors}, build its jar at each commit and run this benchmark with one jar, then the other, in
 * the same session, alternating per benchmark (the machine is shared and noisy: compare best iterations), e.g.
 * {@code -f 1 -wi 5 -w 1 -i 10 -r 1}.
 *
 * <p>Best iterations on the 2-core shared machine (packed-int banded passes against the per-byte transposed ones
 * they replaced, alternating, load average about 3): OneVision image 18.5 ms (was 22.8), OneVision video 50.0 ms
 * (was 100.6), NeXT-Video 28.2 ms (was 57.3), Video-LLaVA 11.2 ms (was 21.2). Thread CPU time per call, the
 * steadier figure there: 14.3 / 36.1 / 31.6 / 11.2 ms (was 22.9 / 60.4 / 66.4 / 18.4).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Threads(1)
public class PreprocessingBench {
    private ImageProcessor onevisionImages;
    private VideoProcessor onevisionVideos;
    private VideoProcessor nextVideos;
    private VideoProcessor videoLlavaVideos;
    private List<RgbImage> image1080p;
    private List<VideoFrames> video16x720p;
    private List<VideoFrames> video8x720p;

    @Setup
    public void setUp() {
        onevisionImages = new HfImageProcessorFactory().create("LlavaOnevisionImageProcessor",
                config("llava_onevision"));
        onevisionVideos = new HfVideoProcessorFactory().create("LlavaOnevisionVideoProcessor",
                config("llava_onevision"));
        nextVideos = new HfVideoProcessorFactory().create("LlavaNextVideoImageProcessor",
                config("llava_next_video"));
        videoLlavaVideos = new HfVideoProcessorFactory().create("VideoLlavaImageProcessor", config("video_llava"));
        image1080p = List.of(frame(1920, 1080, 0));
        video16x720p = List.of(video(16, 1280, 720));
        video8x720p = List.of(video(8, 1280, 720));
    }

    private static ConfigNode config(String family) {
        return ConfigNode.read(GoldenData.goldenProcessor().resolve(family).resolve("model/preprocessor_config.json"));
    }

    /** A frame with smooth gradients, edges and noise, different for each {@code seed}. */
    public static RgbImage frame(int width, int height, int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] rgb = new byte[width * height * 3];
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int band = ((x + seed * 13) / 97 + y / 61) & 1;
                rgb[i++] = (byte) ((x * 255 / width) ^ (band * 80) + random.nextInt(8));
                rgb[i++] = (byte) ((y * 255 / height) + random.nextInt(8));
                rgb[i++] = (byte) (((x + y + seed * 7) & 255) + random.nextInt(8));
            }
        }
        return new RgbImage(width, height, rgb);
    }

    private static VideoFrames video(int frames, int width, int height) {
        List<RgbImage> list = new ArrayList<>(frames);
        int[] indices = new int[frames];
        for (int f = 0; f < frames; f++) {
            list.add(frame(width, height, f + 1));
            indices[f] = f * 10;
        }
        return new VideoFrames(list, indices);
    }

    /** LlavaOnevisionImageProcessor, 1920x1080, anyres_max_9 config (384 tiles, 36 pinpoints): 16 patches. */
    @Benchmark
    public ProcessedImages onevisionImage1920x1080() {
        return onevisionImages.preprocess(image1080p);
    }

    /** LlavaOnevisionVideoProcessor, 16 frames 1280x720 to 384x384. */
    @Benchmark
    public ProcessedVideos onevisionVideo16x1280x720() {
        return onevisionVideos.preprocess(video16x720p);
    }

    /** LlavaNextVideoImageProcessor, 16 frames 1280x720: shortest edge 336, crop 336. */
    @Benchmark
    public ProcessedVideos nextVideo16x1280x720() {
        return nextVideos.preprocess(video16x720p);
    }

    /** VideoLlavaImageProcessor, 8 frames 1280x720: shortest edge 224, crop 224. */
    @Benchmark
    public ProcessedVideos videoLlavaVideo8x1280x720() {
        return videoLlavaVideos.preprocess(video8x720p);
    }
}
