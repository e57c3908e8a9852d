package io.vlm4j.video;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The video items of the golden cases ({@code sampling.json}) and the golden videos themselves. */
final class GoldenVideos {
    private GoldenVideos() {}

    /** One video item of a case: its sampling.json entry and its expected frames file. */
    record Item(String caseName, int k, Path video, ConfigNode sampling, Path expectedFrames) {
        @Override
        public String toString() {
            return caseName + " video " + k + " (" + video.getFileName() + ")";
        }
    }

    /** Every video item of every golden case, in case then message order. */
    static List<Item> items() {
        List<Item> items = new ArrayList<>();
        for (Path c : GoldenData.allCases(GoldenData.golden())) {
            Path sampling = c.resolve("sampling.json");
            if (!Files.exists(sampling)) {
                continue;
            }
            List<ConfigNode> videos = ConfigNode.read(sampling).get("videos").elements();
            for (int k = 0; k < videos.size(); k++) {
                ConfigNode v = videos.get(k);
                Path video = c.resolve(v.get("path").asString()).normalize();
                Path expected = c.resolve("expected").resolve(k == 0 ? "frames.safetensors"
                        : "frames_" + k + ".safetensors");
                items.add(new Item(c.getParent().getFileName() + "/" + c.getFileName(), k, video, v, expected));
            }
        }
        return items;
    }

    /** The distinct videos the golden cases use. */
    static List<Path> videos() {
        return new ArrayList<>(items().stream().map(Item::video).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** Every file of golden/videos. */
    static List<Path> allVideoFiles() {
        try (Stream<Path> s = Files.list(GoldenData.golden().resolve("videos"))) {
            return s.sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
