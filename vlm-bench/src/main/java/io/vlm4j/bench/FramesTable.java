package io.vlm4j.bench;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.video.FfmpegVideoDecoder;
import io.vlm4j.video.VideoDecodeOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The side-by-side table of {@link FramesBenchmark} in wall-clock and CPU time: for each video and frame count,
 * the seeds' way and vlm4j's run alternately, {@code rounds} times each after a warm-up, and the best of each is
 * printed. CPU time (the process's, all threads) is the work done, which a shared machine's load does not change;
 * wall time is what a caller waits, which parallel lanes shorten only when cores are free.
 *
 * <p>Run: {@code java -cp ... io.vlm4j.bench.FramesTable [rounds [SPEC,SPEC...]]} (specs: {@link BenchVideos.Spec}
 * names; default all).
 */
public final class FramesTable {
    private FramesTable() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.println("| video | n | seeds wall (s) | vlm4j wall (s) | wall speed-up | seeds CPU (s) | vlm4j CPU (s) "
                + "| CPU ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        List<BenchVideos.Spec> specs = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(BenchVideos.Spec::valueOf).toList()
                : List.of(BenchVideos.Spec.values());
        for (BenchVideos.Spec spec : specs) {
            Path file = BenchVideos.ensure(spec);
            for (int n : new int[] {8, 32, 128}) {
                Supplier<List<RgbImage>> seeds = () -> SeedsReader.read(file, n);
                Supplier<List<RgbImage>> ours = () -> {
                    try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(file),
                            VideoDecodeOptions.defaults().withThreads(2))) {
                        return d.decode(FrameSampling.uniform(n)).frames();
                    }
                };
                if (!ours.get().equals(seeds.get())) {
                    throw new AssertionError(spec + " n=" + n + ": vlm4j's frames differ from the seeds'");
                }
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
                for (int r = 0; r < rounds; r++) {
                    measure(seeds, os, best, 0);
                    measure(ours, os, best, 2);
                }
                System.out.printf("| %s | %d | %.2f | %.2f | %.1fx | %.2f | %.2f | %.1fx |%n", spec, n, best[0], best[2],
                        best[0] / best[2], best[1], best[3], best[1] / best[3]);
            }
        }
    }

    private static void measure(Supplier<List<RgbImage>> way, com.sun.management.OperatingSystemMXBean os,
            double[] best, int at) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        way.get();
        best[at] = Math.min(best[at], (System.nanoTime() - t0) / 1e9);
        best[at + 1] = Math.min(best[at + 1], (os.getProcessCpuTime() - cpu0) / 1e9);
    }
}
