package io.vlm4j.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vlm4j.ImageDecodeException;
import io.vlm4j.VideoDecodeException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.testkit.GoldenData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http(s) sources against a JDK HTTP server on 127.0.0.1: downloaded to a temporary file that is always removed,
 * with a size cap, timeouts and bounded, http-only redirects.
 */
class UrlSourceTest {
    private static final long CAP = 300_000;

    @TempDir
    Path temp;

    private HttpServer server;
    private byte[] video;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        video = Files.readAllBytes(GoldenData.golden().resolve("videos/cat_pan.mp4"));
        byte[] image = Files.readAllBytes(GoldenData.golden().resolve("images/chelsea.png"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/video.mp4", x -> send(x, 200, video));
        server.createContext("/chelsea.png", x -> send(x, 200, image));
        server.createContext("/missing", x -> send(x, 404, new byte[0]));
        server.createContext("/hop/", x -> {
            int n = Integer.parseInt(x.getRequestURI().getPath().substring("/hop/".length()));
            redirect(x, n == 0 ? "/video.mp4" : "/hop/" + (n - 1));
        });
        server.createContext("/to-file", x -> redirect(x, "file:///etc/hostname"));
        server.createContext("/big", x -> send(x, 200, new byte[(int) CAP + 1]));
        server.createContext("/endless", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                byte[] chunk = new byte[8192];
                for (long sent = 0; sent <= CAP; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the client gave up at the cap
            }
        });
        server.createContext("/stall", x -> {
            x.sendResponseHeaders(200, video.length);
            try {
                x.getResponseBody().write(video, 0, 100);
                x.getResponseBody().flush();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                x.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private VideoDecodeOptions options() {
        return VideoDecodeOptions.defaults().withTempDir(temp)
                .withDownloadLimits(CAP, Duration.ofSeconds(5), Duration.ofMillis(500), 3);
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().add("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private void assertNoTemporaryLeft() throws IOException {
        try (var s = Files.list(temp)) {
            assertThat(s.toList()).as("temporary downloads left behind").isEmpty();
        }
    }

    @Test
    void aUrlDecodesAsTheFileAndItsDownloadIsRemovedOnClose() throws IOException {
        VideoFrames expected;
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(GoldenData.golden()
                .resolve("videos/cat_pan.mp4")))) {
            expected = d.decode(FrameSampling.uniform(8));
        }
        try (FfmpegVideoDecoder d = FfmpegVideoDecoder.open(MediaSource.of(url("/hop/2")), options())) {
            assertThat(d.decode(FrameSampling.uniform(8))).isEqualTo(expected);
        }
        assertNoTemporaryLeft();
    }

    @Test
    void anImageUrlDecodesAndLeavesNothing() throws IOException {
        assertThat(FfmpegImageDecoder.decode(MediaSource.of(url("/chelsea.png")), options()).width()).isEqualTo(451);
        assertNoTemporaryLeft();
        assertThatThrownBy(() -> FfmpegImageDecoder.decode(MediaSource.of(url("/missing")), options()))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void tooManyRedirectsAreRefused() throws IOException {
        assertThatThrownBy(() -> FfmpegVideoDecoder.open(MediaSource.of(url("/hop/5")), options()))
                .isInstanceOf(VideoDecodeException.class).hasMessageContaining("more than 3 redirects");
        assertNoTemporaryLeft();
    }

    @Test
    void aRedirectOffHttpIsRefused() throws IOException {
        assertThatThrownBy(() -> FfmpegVideoDecoder.open(MediaSource.of(url("/to-file")), options()))
                .isInstanceOf(VideoDecodeException.class).hasMessageContaining("only http and https");
        assertNoTemporaryLeft();
    }

    @Test
    void downloadsOverTheCapAreRefusedWithOrWithoutALength() throws IOException {
        assertThatThrownBy(() -> FfmpegVideoDecoder.open(MediaSource.of(url("/big")), options()))
                .isInstanceOf(VideoDecodeException.class).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> FfmpegVideoDecoder.open(MediaSource.of(url("/endless")), options()))
                .isInstanceOf(VideoDecodeException.class).hasMessageContaining("over the limit");
        assertNoTemporaryLeft();
    }

    @Test
    void aStalledDownloadTimesOut() throws IOException {
        assertThatThrownBy(() -> FfmpegVideoDecoder.open(MediaSource.of(url("/stall")), options()))
                .isInstanceOf(VideoDecodeException.class).hasMessageContaining("timed out");
        assertNoTemporaryLeft();
    }

    @Test
    void aMissingUrlNamesTheStatus() {
        assertThatThrownBy(() -> FfmpegVideoDecoder.open(MediaSource.of(url("/missing")), options()))
                .isInstanceOf(VideoDecodeException.class).hasMessageContaining(url("/missing").toString())
                .hasMessageContaining("HTTP 404");
    }
}
