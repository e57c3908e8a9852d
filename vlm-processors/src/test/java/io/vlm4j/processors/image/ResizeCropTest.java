package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.RgbImage;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processors.image.PreprocessorConfig.SizeDict;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ResizeCrop#write}, which hands the resize's rows straight to the pixel tensor where it can, writes what
 * the plain path writes: the 8-bit image of {@link ResizeCrop#apply}, rescaled and normalized by
 * {@link PixelBatch#put}.
 */
class ResizeCropTest {
    private static final RescaleNormalize NORMALIZE = new RescaleNormalize(true, 1 / 255.0, true,
            new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});

    private static RgbImage random(int width, int height, long seed) {
        byte[] rgb = new byte[width * height * 3];
        new Random(seed).nextBytes(rgb);
        return new RgbImage(width, height, rgb);
    }

    @Test
    void writingIntoTheBatchEqualsApplyingThenPutting() {
        Random random = new Random(7);
        ConfigNode config = ConfigNode.parse("{}", "test");
        PILImageResampling[] filters = PILImageResampling.values();
        for (int n = 0; n < 120; n++) {
            PILImageResampling filter = filters[random.nextInt(filters.length)];
            int w = 1 + random.nextInt(random.nextBoolean() ? 40 : 300);
            int h = 1 + random.nextInt(random.nextBoolean() ? 40 : 300);
            ResizeCrop transform;
            String what;
            switch (random.nextInt(4)) {
                case 0: {
                    int th = 1 + random.nextInt(120);
                    int tw = 1 + random.nextInt(120);
                    transform = ResizeCrop.fixed(true, th, tw, filter);
                    what = "fixed " + th + "x" + tw;
                    break;
                }
                case 1: {
                    int edge = 1 + random.nextInt(100);
                    int crop = 1 + random.nextInt(130); // larger than the short side: padded, the plain path
                    transform = ResizeCrop.clip(config, true, SizeDict.shortestEdge(edge), filter, true,
                            SizeDict.heightWidth(crop, crop));
                    what = "shortest edge " + edge + ", crop " + crop;
                    break;
                }
                case 2: {
                    int edge = 1 + random.nextInt(100);
                    transform = ResizeCrop.clip(config, true, SizeDict.shortestEdge(edge), filter, false,
                            SizeDict.heightWidth(1, 1));
                    what = "shortest edge " + edge + ", no crop";
                    break;
                }
                default: {
                    int crop = 1 + random.nextInt(60);
                    transform = ResizeCrop.clip(config, false, SizeDict.shortestEdge(10), filter, true,
                            SizeDict.heightWidth(crop, crop + 3));
                    what = "no resize, crop " + crop;
                    break;
                }
            }
            Uint8Image image = Uint8Image.of(random(w, h, n));
            if (random.nextInt(4) == 0) {
                image = image.window(-2, -1, w + 3, h + 2); // a padded tile, as anyres hands over
            }
            ImageSize out = transform.outputSize(image.height, image.width);
            PixelBatch direct = new PixelBatch(out, 2);
            PixelBatch plain = new PixelBatch(out, 2);
            transform.write(image, new Resample.Scratch(), direct, 1, NORMALIZE);
            plain.put(1, transform.apply(image, new Resample.Scratch()), NORMALIZE);
            float[] a = direct.tensor().toFloats();
            float[] e = plain.tensor().toFloats();
            for (int i = 0; i < e.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(e[i])) {
                    assertThat(a[i]).as("case %d: %s %s of %s, float %d", n, what, filter, image, i)
                            .isEqualTo(e[i]);
                }
            }
        }
    }
}
