package io.vlm4j.bench;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.video.FfmpegVideoDecoder;
import io.vlm4j.video.VideoDecodeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sampling 8, 32 and 128 uniform frames from 1280x720 30 fps H.264 videos ({@link BenchVideos}): vlm4j's
 * {@link FfmpegVideoDecoder} (open, index the packets, seek to keyframes, decode forward on {@code threads} lanes)
 * against the seeds' way ({@link SeedsReader}: decode from the start, keep the wanted frames), side by side in one
 * run. Each invocation opens the file and returns every wanted frame as RGB; the setup asserts that both give the
 * same bytes.
 *
 * <p>The two ways are one parameter, {@code way}, which JMH varies fastest (parameters iterate in name order,
 * the last fastest), so that each video and count is measured with both ways one right after the other: on a
 * shared machine the load changes over a run. Run: {@code java -cp ... org.openjdk.jmh.Main FramesBenchmark -rf
 * json} (single-shot times; report the best of the measured iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class FramesBenchmark {
    @Param({"GOP250_60S", "GOP30_60S", "GOP250_10MIN"})
    public String video;

    @Param({"8", "32", "128"})
    public int frames;

    @Param({"2"})
    public int threads;

    /** {@code seeds}: {@link SeedsReader}; {@code vlm4j}: {@link FfmpegVideoDecoder}. */
    @Param({"seeds", "vlm4j"})
    public String way;

    private Path file;

    @Setup
    public void setup() {
        file = BenchVideos.ensure(BenchVideos.Spec.valueOf(video));
        if (way.equals("vlm4j") && !vlm4j().equals(seeds())) {
            throw new AssertionError(video + " n=" + frames + ": vlm4j's frames differ from the seeds'");
        }
    }

    @Benchmark
    public List<RgbImage> sample() {
        return way.equals("seeds") ? seeds() : vlm4j();
    }

    List<RgbImage> vlm4j() {
        VideoDecodeOptions options = VideoDecodeOptions.defaults().withThreads(threads);
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(file), options)) {
            return d.decode(FrameSampling.uniform(frames)).frames();
        }
    }

    List<RgbImage> seeds() {
        return SeedsReader.read(file, frames);
    }
}
