package io.vlm4j.processors.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.media.RgbImage;
import io.vlm4j.testkit.GoldenData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test decoder gives PIL's {@code convert("RGB")} of the golden PNGs: for these 8-bit RGB files (chelsea.png
 * carries an ICC profile) PIL returns the raw samples of the PNG, without colour management. The PNG is decoded
 * here a second time from its bytes (inflate, undo the row filters) and both must agree byte for byte.
 */
class TestMediaTest {
    @ParameterizedTest
    @ValueSource(strings = {"golden/images/chelsea.png", "golden-processor/images/chelsea.png",
            "golden-processor/images/card_chelsea_1500x1100.png"})
    void decodesGoldenPngsToTheirRawSamplesWithoutColourManagement(String file) throws Exception {
        Path path = GoldenData.root().resolve(file);
        RgbImage decoded = TestMedia.png(path);
        Raw raw = rawRgb8(Files.readAllBytes(path));
        assertThat(decoded.width()).as(file).isEqualTo(raw.width);
        assertThat(decoded.height()).as(file).isEqualTo(raw.height);
        assertThat(decoded.rgb()).as(file).isEqualTo(raw.rgb);
    }

    private record Raw(int width, int height, byte[] rgb) {}

    /** An 8-bit, non-interlaced RGB PNG's samples: IDAT inflated, filters 0-4 undone. */
    private static Raw rawRgb8(byte[] png) throws IOException, DataFormatException {
        ByteBuffer b = ByteBuffer.wrap(png);
        b.position(8);
        int width = 0;
        int height = 0;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (b.remaining() >= 12) {
            int len = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            byte[] data = new byte[len];
            b.get(data);
            b.getInt(); // CRC
            String t = new String(type, java.nio.charset.StandardCharsets.US_ASCII);
            if (t.equals("IHDR")) {
                ByteBuffer h = ByteBuffer.wrap(data);
                width = h.getInt();
                height = h.getInt();
                assertThat(new int[] {h.get(), h.get(), h.get(), h.get(), h.get()})
                        .as("bit depth 8, colour type RGB, deflate, adaptive filters, no interlace")
                        .containsExactly(8, 2, 0, 0, 0);
            } else if (t.equals("IDAT")) {
                idat.write(data);
            }
        }
        int stride = width * 3;
        byte[] filtered = new byte[(stride + 1) * height];
        Inflater inflater = new Inflater();
        inflater.setInput(idat.toByteArray());
        int n = 0;
        while (n < filtered.length && !inflater.finished()) {
            n += inflater.inflate(filtered, n, filtered.length - n);
        }
        inflater.end();
        assertThat(n).isEqualTo(filtered.length);
        byte[] out = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            int filter = filtered[y * (stride + 1)];
            for (int x = 0; x < stride; x++) {
                int raw = filtered[y * (stride + 1) + 1 + x] & 0xff;
                int a = x >= 3 ? out[y * stride + x - 3] & 0xff : 0;
                int up = y > 0 ? out[(y - 1) * stride + x] & 0xff : 0;
                int c = x >= 3 && y > 0 ? out[(y - 1) * stride + x - 3] & 0xff : 0;
                int v;
                switch (filter) {
                    case 0: v = raw; break;
                    case 1: v = raw + a; break;
                    case 2: v = raw + up; break;
                    case 3: v = raw + ((a + up) >> 1); break;
                    case 4: v = raw + paeth(a, up, c); break;
                    default: throw new IllegalStateException("filter " + filter);
                }
                out[y * stride + x] = (byte) v;
            }
        }
        return new Raw(width, height, out);
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
