package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processors.image.AnyResolution.Grid;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The anyres arithmetic against golden-processor/summary.json, the README and the token counts of the goldens. */
class AnyResolutionTest {
    private static final List<ImageSize> NEXT_PINPOINTS = LlavaNextImageProcessor.DEFAULT_PINPOINTS;

    static Stream<Arguments> summaryImages() {
        ConfigNode summary = ConfigNode.read(GoldenData.goldenProcessor().resolve("summary.json"));
        List<Arguments> out = new ArrayList<>();
        for (String key : summary.keys()) {
            for (ConfigNode image : summary.get(key).get("images").elements()) {
                if (image.has("grid")) {
                    out.add(Arguments.of(key, image));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("summaryImages")
    void reproducesTheGridsOfTheSummary(String key, ConfigNode image) {
        String family = key.substring(0, key.indexOf('/'));
        ConfigNode pre = ConfigNode.read(GoldenData.goldenProcessor().resolve(family)
                .resolve("model/preprocessor_config.json"));
        List<ImageSize> pinpoints = PreprocessorConfig.pinpoints(pre, List.of());
        int tile = family.equals("llava_onevision") ? pre.get("size").get("height").asInt()
                : pre.get("crop_size").get("height").asInt();
        int features = family.equals("llava_onevision") ? 27 : 24;
        int[] hw = image.get("size_hw").asIntArray();
        ImageSize size = new ImageSize(hw[0], hw[1]);
        ConfigNode grid = image.get("grid");

        ImageSize best = AnyResolution.selectBestResolution(size, pinpoints);
        assertThat(new int[] {best.height(), best.width()}).as(key).containsExactly(
                grid.get("best_resolution").asIntArray());
        Grid tiles = AnyResolution.anyresImageGridShape(size, pinpoints, tile);
        assertThat(new int[] {tiles.rows(), tiles.cols()}).as(key).containsExactly(
                grid.get("grid_rows_cols").asIntArray());
        assertThat(AnyResolution.imageSizeToNumPatches(size, pinpoints, tile)).as(key)
                .isEqualTo(grid.get("patches").asInt());

        Grid current = new Grid(tiles.rows() * features, tiles.cols() * features);
        Grid unpadded = family.equals("llava_onevision") ? AnyResolution.unpaddedGrid(size, current)
                : AnyResolution.unpaddedGridIntegerFormula(size, current);
        assertThat(new int[] {unpadded.rows(), unpadded.cols()}).as(key).containsExactly(
                grid.get("unpadded_features_hw").asIntArray());
        if (grid.has("anyres_max_9_ratio")) {
            assertThat(AnyResolution.anyresMaxRatio(unpadded, features, 9)).as(key)
                    .isCloseTo(grid.get("anyres_max_9_ratio").asDouble(), org.assertj.core.data.Offset.offset(5e-5));
            Grid reduced = AnyResolution.anyresMax(unpadded, features, 9);
            int[] expected = grid.has("after_max_9_hw") ? grid.get("after_max_9_hw").asIntArray()
                    : grid.get("unpadded_features_hw").asIntArray();
            assertThat(new int[] {reduced.rows(), reduced.cols()}).as(key).containsExactly(expected);
        }
    }

    static Stream<Arguments> anyresCasesWithImages() {
        List<Arguments> out = new ArrayList<>();
        for (Path base : List.of(GoldenData.golden(), GoldenData.goldenProcessor())) {
            for (String family : List.of("llava_onevision", "llava_next_video")) {
                for (Path c : GoldenData.cases(base, family)) {
                    if (GoldenPixelsTest.media(c).stream().anyMatch(m -> m[0].equals("image"))) {
                        out.add(Arguments.of(base.getFileName() + "/" + family + "/" + c.getFileName(), c));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anyresCasesWithImages")
    void countsTheImageTokensHfPutInThePrompt(String name, Path caseDir, @TempDir Path tmp) {
        Path model = caseDir.resolveSibling("model");
        ConfigNode pre = ConfigNode.read(model.resolve("preprocessor_config.json"));
        ConfigNode proc = ConfigNode.read(model.resolve("processor_config.json"));
        long imageToken = ConfigNode.read(model.resolve("config.json")).get("image_token_index").asLong();
        boolean onevision = caseDir.getParent().getFileName().toString().equals("llava_onevision");
        List<ImageSize> pinpoints = PreprocessorConfig.pinpoints(pre, List.of());
        int strategy = proc.get("vision_feature_select_strategy").asString().equals("default") ? 1 : 0;
        int tokens = 0;
        for (String[] item : GoldenPixelsTest.media(caseDir)) {
            if (!item[0].equals("image")) {
                continue;
            }
            RgbImage image = TestMedia.png(caseDir.resolve(item[1]).normalize());
            ImageSize size = new ImageSize(image.height(), image.width());
            if (onevision) {
                ImageSize tile = new ImageSize(pre.get("size").get("height").asInt(),
                        pre.get("size").get("width").asInt());
                tokens += AnyResolution.llavaOnevisionImageFeatures(size, pinpoints, tile,
                        proc.get("num_image_tokens").asInt()) - strategy;
            } else {
                ImageSize tile = new ImageSize(pre.get("crop_size").get("height").asInt(),
                        pre.get("crop_size").get("width").asInt());
                tokens += AnyResolution.llavaNextImageFeatures(size, pinpoints, tile,
                        proc.get("patch_size").asInt()) - strategy;
            }
        }
        Path expected = caseDir.resolve("expected/processor.safetensors");
        if (!Files.exists(expected)) {
            expected = TestMedia.gunzipped(caseDir.resolve("expected/processor.safetensors.gz"), tmp);
        }
        long inPrompt;
        try (SafeTensors st = SafeTensors.open(expected)) {
            inPrompt = java.util.Arrays.stream(st.get("input_ids").toLongs()).filter(id -> id == imageToken).count();
        }
        assertThat(tokens).as("%s image tokens", name).isEqualTo(inPrompt);
    }

    @Test
    void tiesInTheBestResolutionGoToTheFirstPinpoint() {
        // golden-processor README, "Things found on the way" 3: 110 wide, 176 high gets 1x2 (336x672), not 2x1
        ImageSize best = AnyResolution.selectBestResolution(new ImageSize(176, 110), NEXT_PINPOINTS);
        assertThat(best).isEqualTo(new ImageSize(336, 672));
        assertThat(AnyResolution.anyresImageGridShape(new ImageSize(176, 110), NEXT_PINPOINTS, 336))
                .isEqualTo(new Grid(1, 2));
    }

    @Test
    void theProcessorsIntegerUnpaddingDisagreesWithTheModelsFloatsForTheReadmeSizes() {
        // golden-processor README, "Things found on the way" 2: 110x176, 352x110, 1408x792, 1496x704, 1128x47
        // (width x height); NeXT-Video tiles of 24 features
        int[][] widthHeight = {{110, 176}, {352, 110}, {1408, 792}, {1496, 704}, {1128, 47}};
        for (int[] wh : widthHeight) {
            ImageSize size = new ImageSize(wh[1], wh[0]);
            Grid tiles = AnyResolution.anyresImageGridShape(size, NEXT_PINPOINTS, 336);
            Grid current = new Grid(tiles.rows() * 24, tiles.cols() * 24);
            Grid processor = AnyResolution.unpaddedGridIntegerFormula(size, current);
            Grid model = AnyResolution.unpaddedGrid(size, current);
            assertThat(processor).as("%dx%d", wh[0], wh[1]).isNotEqualTo(model);
        }
        ImageSize tall = new ImageSize(176, 110);
        Grid current = new Grid(24, 48);
        assertThat(AnyResolution.unpaddedGridIntegerFormula(tall, current)).isEqualTo(new Grid(24, 16));
        assertThat(AnyResolution.unpaddedGrid(tall, current)).isEqualTo(new Grid(24, 14));
    }

    @Test
    void anyresMaxNineLeavesThreeByThreeAndTwoByFiveGridsAlone() {
        // golden-processor README: 3x3 and 2x5 never trigger the reduction, 3x4 (the card) does
        assertThat(AnyResolution.anyresMax(new Grid(81, 81), 27, 9)).isEqualTo(new Grid(81, 81));
        assertThat(AnyResolution.anyresMax(new Grid(54, 135), 27, 9)).isEqualTo(new Grid(54, 135));
        assertThat(AnyResolution.anyresMax(new Grid(79, 108), 27, 9)).isEqualTo(new Grid(69, 94));
    }

    @Test
    void floorDivisionOfFloatsIsPythons() {
        // Python: 1 // 0.1 == 9.0 (the exact quotient is just below 10), while floor(1 / 0.1) == 10
        assertThat(AnyResolution.floorDiv(1.0, 0.1)).isEqualTo(9.0);
        assertThat(AnyResolution.floorDiv(79, 1.1404)).isEqualTo(69.0);
        assertThat(AnyResolution.floorDiv(-7, 2)).isEqualTo(-4.0);
        assertThat(AnyResolution.floorDiv(6, 3)).isEqualTo(2.0);
    }

    @Test
    void patchOutputSizeKeepsTheAspectRatioInsideTheTarget() {
        // chelsea 451x300 into NeXT's 336x672: 336 high, ceil(451 * 336 / 300) = 506 wide
        assertThat(AnyResolution.patchOutputSize(new ImageSize(300, 451), new ImageSize(336, 672)))
                .isEqualTo(new ImageSize(336, 506));
        // the card 1500x1100 into 672x672: 672 wide, ceil(1100 * 0.448) = 493 high (padded to 671, one row short)
        assertThat(AnyResolution.patchOutputSize(new ImageSize(1100, 1500), new ImageSize(672, 672)))
                .isEqualTo(new ImageSize(493, 672));
    }
}
