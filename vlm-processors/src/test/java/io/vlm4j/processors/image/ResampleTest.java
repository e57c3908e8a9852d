package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.media.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PIL's resize semantics beyond what the goldens exercise (they use bicubic only), and the fast paths' exactness. */
class ResampleTest {
    private static RgbImage random(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }

    /**
     * Resample.c's 8-bit passes written plainly (horizontal over all rows the vertical pass reads, clip, vertical,
     * clip), on the same taps: what the banded, packed, vectorised passes must equal.
     */
    private static int[][][] reference(RgbImage image, int outW, int outH, PILImageResampling filter) {
        return reference(Uint8Image.of(image), outW, outH, filter);
    }

    /** {@link #reference(RgbImage, int, int, PILImageResampling)} of a window (padding reads as 0). */
    private static int[][][] reference(Uint8Image image, int outW, int outH, PILImageResampling filter) {
        int w = image.width;
        int h = image.height;
        int[][][] img = new int[3][h][w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    img[c][y][x] = image.get(c, y, x);
                }
            }
        }
        if (outW != w) {
            ResampleCoefficients cx = ResampleCoefficients.of(w, outW, filter, 0, outW);
            int[][][] tmp = new int[3][h][outW];
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < outW; xx++) {
                        int ss = ResampleCoefficients.HALF;
                        for (int x = 0; x < cx.taps[xx]; x++) {
                            ss += img[c][y][x + cx.min[xx]] * cx.fixed[xx * cx.ksize + x];
                        }
                        tmp[c][y][xx] = Math.min(255, Math.max(0, ss >> ResampleCoefficients.PRECISION_BITS));
                    }
                }
            }
            img = tmp;
        }
        if (outH != h) {
            ResampleCoefficients cy = ResampleCoefficients.of(h, outH, filter, 0, outH);
            int[][][] tmp = new int[3][outH][outW];
            for (int c = 0; c < 3; c++) {
                for (int yy = 0; yy < outH; yy++) {
                    for (int x = 0; x < outW; x++) {
                        int ss = ResampleCoefficients.HALF;
                        for (int y = 0; y < cy.taps[yy]; y++) {
                            ss += img[c][y + cy.min[yy]][x] * cy.fixed[yy * cy.ksize + y];
                        }
                        tmp[c][yy][x] = Math.min(255, Math.max(0, ss >> ResampleCoefficients.PRECISION_BITS));
                    }
                }
            }
            img = tmp;
        }
        return img;
    }

    @ParameterizedTest
    @EnumSource(value = PILImageResampling.class, names = "NEAREST", mode = EnumSource.Mode.EXCLUDE)
    void theFastPassesEqualAPlainTwoPassResize(PILImageResampling filter) {
        // sizes that make several bands, a rolling buffer longer than a band (3000 rows -> 7), up and down
        int[][] cases = {{640, 700, 201, 333}, {37, 3000, 5, 7}, {3000, 9, 11, 4}, {90, 60, 333, 401},
                {333, 211, 333, 90}, {1, 1, 4, 3}, {129, 2, 64, 1}};
        for (int[] t : cases) {
            RgbImage image = random(t[0], t[1], t[0] * 7L + t[1]);
            RgbImage fast = Resample.resize(image, t[2], t[3], filter);
            int[][][] slow = reference(image, t[2], t[3], filter);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < t[3]; y++) {
                    for (int x = 0; x < t[2]; x++) {
                        if (fast.get(y, x, c) != slow[c][y][x]) {
                            assertThat(fast.get(y, x, c)).as("%s %dx%d -> %dx%d (c %d, y %d, x %d)", filter, t[0],
                                    t[1], t[2], t[3], c, y, x).isEqualTo(slow[c][y][x]);
                        }
                    }
                }
            }
        }
    }

    /**
     * Seeded random resizes, up and down, of every convolution filter, on the three kinds of source the processors
     * hand over (a decoded interleaved image, a planar resize output, a window padded with zeros), with windows of
     * every width modulo 4, one-pixel images and one-pixel outputs, and a size that does not change in one
     * direction: each window equals that window of the plain two-pass resize.
     */
    @Test
    void randomResizesOfEverySourceLayoutEqualThePlainTwoPassResize() {
        Random random = new Random(20240611);
        PILImageResampling[] filters = {PILImageResampling.BOX, PILImageResampling.BILINEAR,
                PILImageResampling.HAMMING, PILImageResampling.BICUBIC, PILImageResampling.LANCZOS};
        for (int n = 0; n < 300; n++) {
            int w = size(random);
            int h = size(random);
            int outW = random.nextInt(5) == 0 ? w : size(random);
            int outH = random.nextInt(5) == 0 ? h : size(random);
            if (outW == w && outH == h) {
                outW++;
            }
            PILImageResampling filter = filters[random.nextInt(filters.length)];
            Uint8Image stored = Uint8Image.of(random(w, h, random.nextLong()));
            int layout = random.nextInt(3);
            Uint8Image src;
            if (layout == 0) {
                src = stored;
            } else if (layout == 1) {
                // a planar image, as Resample produces and resizes again (short anyres tiles)
                src = stored.window(0, 0, w, h).materialize();
            } else {
                int px = random.nextInt(4);
                int py = random.nextInt(4);
                src = stored.window(-px, -py, w + px + random.nextInt(4), h + py + random.nextInt(4));
                outW = outW == w ? src.width : outW;
                outH = outH == h ? src.height : outH;
                if (outW == src.width && outH == src.height) {
                    outH++;
                }
            }
            int wx = random.nextInt(outW);
            int wy = random.nextInt(outH);
            int ww = 1 + random.nextInt(outW - wx);
            int wh = 1 + random.nextInt(outH - wy);
            String what = String.format("case %d: %s %s %dx%d -> %dx%d window %dx%d at (%d, %d)", n, filter,
                    new String[] {"interleaved", "planar", "padded"}[layout], src.width, src.height, outW, outH,
                    ww, wh, wx, wy);
            Uint8Image fast = Resample.resize(src, outW, outH, filter, wx, wy, ww, wh);
            int[][][] slow = reference(src, outW, outH, filter);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < wh; y++) {
                    for (int x = 0; x < ww; x++) {
                        if (fast.get(c, y, x) != slow[c][wy + y][wx + x]) {
                            assertThat(fast.get(c, y, x)).as("%s (c %d, y %d, x %d)", what, c, y, x)
                                    .isEqualTo(slow[c][wy + y][wx + x]);
                        }
                    }
                }
            }
        }
    }

    /** Mostly small sizes, one in eight a single pixel, one in eight up to 400. */
    private static int size(Random random) {
        int kind = random.nextInt(8);
        return kind == 0 ? 1 : kind == 1 ? 1 + random.nextInt(400) : 1 + random.nextInt(70);
    }

    @Test
    void writingAnImageLooksUpEveryPixelAndPadsWithTheValueOfZero() {
        RescaleNormalize normalize = new RescaleNormalize(true, 1 / 255.0, true, new float[] {0.48f, 0.45f, 0.4f},
                new float[] {0.26f, 0.26f, 0.27f});
        Uint8Image stored = Uint8Image.of(random(23, 17, 6));
        Uint8Image[] images = {stored, stored.window(3, 2, 11, 9), stored.materialize(),
                stored.window(-3, -2, 29, 22), stored.window(5, 4, 9, 7).materialize().window(-1, -2, 12, 8),
                stored.window(30, 0, 4, 5)};
        for (Uint8Image image : images) {
            int w = image.width;
            int h = image.height;
            java.nio.FloatBuffer out = java.nio.FloatBuffer.allocate(7 + 3 * w * h);
            normalize.write(image, out, 7, new float[3 * w]);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        assertThat(out.get(7 + (c * h + y) * w + x)).as("%s (c %d, y %d, x %d)", image, c, y, x)
                                .isEqualTo(normalize.value(c, image.get(c, y, x)));
                    }
                }
            }
            assertThat(out.get(0)).isZero();
        }
    }

    @Test
    void sameSizeReturnsTheImageUnchanged() {
        RgbImage image = random(37, 23, 1);
        assertThat(Resample.resize(image, 37, 23, PILImageResampling.BICUBIC)).isEqualTo(image);
    }

    @ParameterizedTest
    @EnumSource(PILImageResampling.class)
    void aFlatImageStaysFlat(PILImageResampling filter) {
        byte[] rgb = new byte[50 * 40 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) 200;
            rgb[i + 1] = 7;
            rgb[i + 2] = (byte) 255;
        }
        RgbImage out = Resample.resize(new RgbImage(50, 40, rgb), 17, 93, filter);
        for (int y = 0; y < 93; y++) {
            for (int x = 0; x < 17; x++) {
                assertThat(new int[] {out.get(y, x, 0), out.get(y, x, 1), out.get(y, x, 2)})
                        .as("%s (%d, %d)", filter, y, x).containsExactly(200, 7, 255);
            }
        }
    }

    @Test
    void bilinearHalvingOfTwoPixelsRoundsTheirMeanUp() {
        // taps 0.5 and 0.5 in 22-bit fixed point: (2^21 + 255 * 2^21) >> 22 = 128
        RgbImage two = new RgbImage(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        RgbImage one = Resample.resize(two, 1, 1, PILImageResampling.BILINEAR);
        assertThat(one.get(0, 0, 0)).isEqualTo(128);
    }

    @Test
    void nearestTakesThePixelUnderEachOutputCentre() {
        RgbImage four = new RgbImage(4, 1, new byte[] {10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40});
        RgbImage two = Resample.resize(four, 2, 1, PILImageResampling.NEAREST);
        assertThat(new int[] {two.get(0, 0, 0), two.get(0, 1, 0)}).containsExactly(20, 40);
    }

    @ParameterizedTest
    @EnumSource(value = PILImageResampling.class)
    void aWindowOfTheOutputEqualsThatWindowOfTheWholeResize(PILImageResampling filter) {
        RgbImage image = random(123, 71, 2);
        int[][] sizes = {{50, 30}, {300, 160}, {123, 40}, {60, 71}, {240, 35}};
        for (int[] s : sizes) {
            Uint8Image whole = Resample.resize(Uint8Image.of(image), s[0], s[1], filter, 0, 0, s[0], s[1]);
            int wx = s[0] / 5;
            int wy = s[1] / 3;
            int ww = s[0] / 2;
            int wh = s[1] / 2;
            Uint8Image part = Resample.resize(Uint8Image.of(image), s[0], s[1], filter, wx, wy, ww, wh);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < wh; y++) {
                    for (int x = 0; x < ww; x++) {
                        assertThat(part.get(c, y, x)).as("%s %dx%d (%d, %d, %d)", filter, s[0], s[1], c, y, x)
                                .isEqualTo(whole.get(c, wy + y, wx + x));
                    }
                }
            }
        }
    }

    @Test
    void resizingAPaddedWindowResizesItsZeros() {
        RgbImage image = random(20, 10, 3);
        Uint8Image padded = Uint8Image.of(image).window(-3, -2, 26, 14);
        Uint8Image direct = Resample.resize(padded, 13, 28, PILImageResampling.BICUBIC, 0, 0, 13, 28);
        Uint8Image viaCopy = Resample.resize(padded.materialize(), 13, 28, PILImageResampling.BICUBIC, 0, 0, 13,
                28);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 13; x++) {
                    assertThat(direct.get(c, y, x)).isEqualTo(viaCopy.get(c, y, x));
                }
            }
        }
    }

    @Test
    void anImageOfOnePixelBecomesAFlatImage() {
        RgbImage one = new RgbImage(1, 1, new byte[] {1, 2, 3});
        RgbImage big = Resample.resize(one, 9, 5, PILImageResampling.BICUBIC);
        assertThat(big.get(4, 8, 2)).isEqualTo(3);
        assertThat(big.get(0, 0, 0)).isEqualTo(1);
    }

    @Test
    void theFloatPathAgreesWithTheEightBitPathToOneLevel() {
        RgbImage image = random(64, 48, 4);
        float[] red = new float[64 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                red[y * 64 + x] = image.get(y, x, 0);
            }
        }
        RgbImage out8 = Resample.resize(image, 64, 19, PILImageResampling.BICUBIC);
        float[] outF = Resample.resizeFloat(red, 64, 48, 64, 19, PILImageResampling.BICUBIC);
        for (int y = 0; y < 19; y++) {
            for (int x = 0; x < 64; x++) {
                float f = Math.min(255f, Math.max(0f, outF[y * 64 + x]));
                assertThat((double) Math.abs(out8.get(y, x, 0) - f)).as("(%d, %d)", y, x).isLessThanOrEqualTo(1.0);
            }
        }
    }

    @Test
    void theFloatPathKeepsAFlatImageFlatAndSameSizeUnchanged() {
        float[] flat = new float[30 * 20];
        java.util.Arrays.fill(flat, 0.25f);
        float[] out = Resample.resizeFloat(flat, 30, 20, 7, 45, PILImageResampling.LANCZOS);
        for (float v : out) {
            assertThat(v).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-6f));
        }
        assertThat(Resample.resizeFloat(flat, 30, 20, 30, 20, PILImageResampling.BICUBIC)).isEqualTo(flat);
    }

    @Test
    void refusesAnEmptyTargetAsPilDoes() {
        assertThatThrownBy(() -> Resample.resize(random(4, 4, 5), 0, 3, PILImageResampling.BICUBIC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height and width must be > 0");
    }
}
