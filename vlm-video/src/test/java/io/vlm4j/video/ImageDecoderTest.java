package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vlm4j.ImageDecodeException;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.RgbImage;
import io.vlm4j.testkit.GoldenData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Still images decode to what PIL 9.4's {@code Image.open(f).convert("RGB")} gives (images/make_images.py made the
 * files and the digests of PIL's bytes): exactly for PNG (RGB, RGBA, L, LA, P with transparency, 1-bit, 16-bit
 * gray), BMP, GIF and lossless WebP; within a bound for JPEG, whose IDCT FFmpeg computes differently.
 */
class ImageDecoderTest {
    /**
     * FFmpeg's IDCT is not libjpeg's "islow" bit for bit (module README): on these images at most 2 levels in a
     * few percent of the bytes, after libjpeg's own upsampling and colour conversion.
     */
    private static final int JPEG_MAX_LEVELS = 2;
    private static final double JPEG_MAX_DIFFERING_FRACTION = 0.08;
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    static Path images() {
        try {
            return Path.of(ImageDecoderTest.class.getResource("images/expected.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> exact() {
        return List.of("rgb_png", "rgba_png", "gray_png", "gray_alpha_png", "palette_png", "bilevel_png",
                "gray16_png", "webp_lossless", "bmp_24", "bmp_palette", "gif");
    }

    static List<String> jpegs() {
        return List.of("jpeg_420", "jpeg_422", "jpeg_444", "jpeg_gray");
    }

    private static ConfigNode expected(String name) {
        return ConfigNode.read(images().resolve("expected.json")).get(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exact")
    void losslessImagesDecodeToPilsBytes(String name) {
        ConfigNode e = expected(name);
        RgbImage image = FfmpegImageDecoder.decode(MediaSource.of(images().resolve(e.get("file").asString())));
        assertThat(image.width()).isEqualTo(e.get("width").asInt());
        assertThat(image.height()).isEqualTo(e.get("height").asInt());
        assertThat(sha256(image.rgb())).as("%s (PIL mode %s): sha256 of the RGB bytes", name,
                e.get("mode").asString()).isEqualTo(e.get("sha256").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegs")
    void jpegsDecodeCloseToPil(String name) throws IOException {
        ConfigNode e = expected(name);
        Path file = images().resolve(e.get("file").asString());
        RgbImage image = FfmpegImageDecoder.decode(MediaSource.of(file));
        assertThat(image.width()).isEqualTo(e.get("width").asInt());
        assertThat(image.height()).isEqualTo(e.get("height").asInt());
        byte[] pil = Files.readAllBytes(images().resolve(name + ".rgb"));
        assertThat(sha256(pil)).isEqualTo(e.get("sha256").asString());
        int differing = 0;
        int worst = 0;
        for (int i = 0; i < pil.length; i++) {
            int d = Math.abs((image.rgb()[i] & 0xff) - (pil[i] & 0xff));
            worst = Math.max(worst, d);
            differing += d > 0 ? 1 : 0;
        }
        assertThat(worst).as("%s: largest difference from PIL", name).isLessThanOrEqualTo(JPEG_MAX_LEVELS);
        assertThat(differing).as("%s: differing bytes", name)
                .isLessThanOrEqualTo((int) (image.rgb().length * JPEG_MAX_DIFFERING_FRACTION));
    }

    @Test
    void theGoldenPhotoDecodesToItsPixels() throws IOException {
        Path png = GoldenData.golden().resolve("images/chelsea.png");
        RgbImage image = FfmpegImageDecoder.decode(MediaSource.of(png));
        BufferedImage reference = ImageIO.read(png.toFile());
        assertThat(image.width()).isEqualTo(451);
        assertThat(image.height()).isEqualTo(300);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int argb = reference.getRGB(x, y);
                int rgb = (image.get(y, x, 0) << 16) | (image.get(y, x, 1) << 8) | image.get(y, x, 2);
                assertThat(rgb).as("chelsea.png pixel (%d, %d)", y, x).isEqualTo(argb & 0xffffff);
            }
        }
    }

    @Test
    void bytesAndStreamsDecodeAsTheFileDoes() throws IOException {
        Path png = images().resolve("palette_png.png");
        RgbImage fromFile = FfmpegImageDecoder.decode(MediaSource.of(png));
        byte[] bytes = Files.readAllBytes(png);
        assertThat(FfmpegImageDecoder.decode(MediaSource.of(bytes, "palette"))).isEqualTo(fromFile);
        assertThat(FfmpegImageDecoder.decode(MediaSource.of(Files.newInputStream(png), "palette stream")))
                .isEqualTo(fromFile);
    }

    @Test
    void badImagesGiveImageDecodeExceptionsNamingThem() throws IOException {
        byte[] good = Files.readAllBytes(images().resolve("rgb_png.png"));
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path text = Files.write(dir.resolve("text.png"), "not an image".repeat(20).getBytes(StandardCharsets.UTF_8));
        Path truncated = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(good, good.length / 2));
        Path huge = Files.write(dir.resolve("huge.png"), png(20000, 20000));
        for (Path p : List.of(empty, text, truncated, huge)) {
            assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> FfmpegImageDecoder.decode(MediaSource.of(p)))
                    .isInstanceOf(ImageDecodeException.class).hasMessageContaining(p.toString()));
        }
        assertThatThrownBy(() -> FfmpegImageDecoder.decode(MediaSource.of(empty)))
                .hasMessageContaining("0 bytes");
    }

    /** A PNG whose header states {@code w x h} RGB pixels but whose data holds a few rows. */
    private static byte[] png(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0).array());
        byte[] raw = new byte[2 * (1 + 3 * 1000)];
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = deflater.deflate(buf);
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
