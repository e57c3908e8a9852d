package io.vlm4j.models.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.AnyresLayout;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Grid;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ProcessorCase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-item numbers of a {@link BatchFeature} are the ones HF reports: golden-processor's {@code summary.json}
 * (HF's own {@code select_best_resolution}, grids and token counts per case) and the golden README's formulas.
 */
class MediaItemTest {
    static Stream<ProcessorCase> realSizeCases() {
        return GoldenProcessors.FAMILIES.stream()
                .flatMap(f -> GoldenData.cases(GoldenData.goldenProcessor(), f).stream()).map(ProcessorCase::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realSizeCases")
    void itemsCarryTheSizesGridsAndTokenCountsHfReports(ProcessorCase c) {
        ConfigNode summary = ConfigNode.read(GoldenData.goldenProcessor().resolve("summary.json")).get(c.name());
        BatchFeature out = GoldenProcessors.processor(c.model()).apply(c.conversationWithDecodedImages(),
                ChatOptions.defaults().withVideoFrames(c.frames()));

        assertThat(out.sequenceLength()).as("%s: L", c).isEqualTo(summary.get("L").asInt());
        assertThat(tokens(out, MediaKind.IMAGE)).as("%s: image tokens", c)
                .isEqualTo(summary.get("image_tokens").asInt());
        assertThat(tokens(out, MediaKind.VIDEO)).as("%s: video tokens", c)
                .isEqualTo(summary.get("video_tokens").asInt());
        List<ConfigNode> images = summary.get("images").elements();
        if (!c.family().equals("llava")) {
            assertThat(out.media(MediaKind.IMAGE)).as("%s: image items", c).hasSize(images.size());
        }
        for (int i = 0; i < images.size(); i++) {
            ConfigNode expected = images.get(i);
            MediaItem item = out.media(MediaKind.IMAGE).get(i);
            int[] hw = expected.get("size_hw").asIntArray();
            assertThat(item.originalSize()).as("%s image %d size", c, i).isEqualTo(new ImageSize(hw[0], hw[1]));
            assertThat(item.tokenCount()).as("%s image %d tokens", c, i)
                    .isEqualTo(expected.get("readme_tokens").asInt());
            ConfigNode grid = expected.get("grid");
            if (grid.isAbsent()) {
                assertThat(item.anyres()).as("%s image %d anyres", c, i).isNull();
                continue;
            }
            AnyresLayout layout = item.optAnyres().orElseThrow();
            int[] best = grid.get("best_resolution").asIntArray();
            int[] tiles = grid.get("grid_rows_cols").asIntArray();
            int[] unpadded = grid.get("unpadded_features_hw").asIntArray();
            int[] packed = grid.has("after_max_9_hw") ? grid.get("after_max_9_hw").asIntArray() : unpadded;
            assertThat(layout.bestResolution()).as("%s image %d best resolution", c, i)
                    .isEqualTo(new ImageSize(best[0], best[1]));
            assertThat(layout.tiles()).as("%s image %d tiles", c, i).isEqualTo(new Grid(tiles[0], tiles[1]));
            assertThat(item.patches()).as("%s image %d patches", c, i).isEqualTo(grid.get("patches").asInt());
            assertThat(layout.unpadded()).as("%s image %d unpadded", c, i)
                    .isEqualTo(new Grid(unpadded[0], unpadded[1]));
            assertThat(layout.packed()).as("%s image %d packed", c, i).isEqualTo(new Grid(packed[0], packed[1]));
        }
    }

    @Test
    void interleaveFramesAreImageItemsOfTheirVideosSource() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava/video_two"));
        BatchFeature out = GoldenProcessors.processor(c.model()).apply(c.conversation(),
                ChatOptions.defaults().withVideoFrames(c.frames()));

        assertThat(out.media()).hasSize(16).allMatch(m -> m.kind() == MediaKind.IMAGE && m.tokenCount() == 9);
        assertThat(out.media().stream().mapToInt(MediaItem::sourceIndex)).containsExactly(
                0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(out.media().stream().mapToInt(MediaItem::index)).containsExactly(
                0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void videosCarryTheirFramesAndTheReadmeCounts() {
        ProcessorCase c = ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/two_videos"));
        BatchFeature out = GoldenProcessors.processor(c.model()).apply(c.conversation(),
                ChatOptions.defaults().withVideoFrames(c.frames()));

        // golden README: frames * ceil(3 / 2)^2 + 1
        assertThat(out.media()).extracting(MediaItem::kind, MediaItem::frames, MediaItem::patches,
                MediaItem::tokenCount, MediaItem::sourceIndex).containsExactly(
                        tuple(MediaKind.VIDEO, 8, 8, 8 * 4 + 1, 0),
                        tuple(MediaKind.VIDEO, 8, 8, 8 * 4 + 1, 1));
        assertThat(out.media().get(0).originalSize()).isEqualTo(new ImageSize(240, 320));
        assertThat(out.media().get(1).originalSize()).isEqualTo(new ImageSize(136, 242));
        assertThat(out.media().get(0).processedSize()).isEqualTo(new ImageSize(42, 42));
    }

    private static int tokens(BatchFeature out, MediaKind kind) {
        return out.media(kind).stream().mapToInt(MediaItem::tokenCount).sum();
    }
}
