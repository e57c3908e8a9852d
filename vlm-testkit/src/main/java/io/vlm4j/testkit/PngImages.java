package io.vlm4j.testkit;

import io.vlm4j.media.RgbImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * 8-bit RGB PNGs decoded with {@code javax.imageio}: for such files (the golden images) the samples are the file's,
 * exactly what PIL's {@code convert("RGB")} gives. Lets tests hand decoded images to a processor independently of
 * the media decoder. Stateless.
 */
public final class PngImages {
    private PngImages() {}

    /**
     * The pixels of an 8-bit RGB PNG.
     *
     * @throws IllegalArgumentException if the file is another kind of image
     */
    public static RgbImage decode(Path png) {
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (image == null || image.getColorModel().getPixelSize() != 24 || image.getColorModel().hasAlpha()) {
            throw new IllegalArgumentException(png + ": not an 8-bit RGB PNG");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int o = (y * w + x) * 3;
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }
}
