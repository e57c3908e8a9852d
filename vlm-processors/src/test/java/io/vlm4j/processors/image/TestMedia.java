package io.vlm4j.processors.image;

import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.HostTensor;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Test inputs: PNG files decoded as PIL's {@code Image.open(p).convert("RGB")} gives them for 8-bit PNGs (the raw
 * samples, no colour management; palette looked up, grey replicated, alpha dropped), golden frames, gunzipped
 * goldens. Not the production decoder (vlm-video has that).
 */
final class TestMedia {
    private TestMedia() {}

    static RgbImage png(Path file) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (image == null) {
            throw new IllegalArgumentException(file + ": not an image ImageIO reads");
        }
        Raster raster = image.getRaster();
        int w = raster.getWidth();
        int h = raster.getHeight();
        int bands = raster.getNumBands();
        for (int b = 0; b < bands; b++) {
            if (raster.getSampleModel().getSampleSize(b) != 8) {
                throw new IllegalArgumentException(file + ": only 8-bit PNGs are supported here");
            }
        }
        int[] px = raster.getPixels(0, 0, w, h, (int[]) null);
        byte[] rgb = new byte[w * h * 3];
        if (image.getColorModel() instanceof IndexColorModel) {
            IndexColorModel palette = (IndexColorModel) image.getColorModel();
            for (int i = 0; i < w * h; i++) {
                int index = px[i];
                rgb[3 * i] = (byte) palette.getRed(index);
                rgb[3 * i + 1] = (byte) palette.getGreen(index);
                rgb[3 * i + 2] = (byte) palette.getBlue(index);
            }
        } else if (bands >= 3) {
            for (int i = 0; i < w * h; i++) {
                for (int c = 0; c < 3; c++) {
                    rgb[3 * i + c] = (byte) px[bands * i + c];
                }
            }
        } else {
            for (int i = 0; i < w * h; i++) {
                byte v = (byte) px[bands * i];
                rgb[3 * i] = v;
                rgb[3 * i + 1] = v;
                rgb[3 * i + 2] = v;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    /** {@code frames} uint8 [T, H, W, 3] and {@code indices} of a golden frames file. */
    static VideoFrames frames(Path file) {
        try (SafeTensors st = SafeTensors.open(file)) {
            HostTensor frames = st.get("frames");
            long[] indices = st.get("indices").toLongs();
            int[] idx = new int[indices.length];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = Math.toIntExact(indices[i]);
            }
            return VideoFrames.fromTensor(frames, idx);
        }
    }

    /** {@code file} itself, or for {@code name.gz} its gunzipped copy in {@code tempDir}. */
    static Path gunzipped(Path file, Path tempDir) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".gz")) {
            return file;
        }
        Path out = tempDir.resolve(name.substring(0, name.length() - 3));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            Files.copy(in, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
