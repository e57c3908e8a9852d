package io.vlm4j.video;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Copies media from an {@code http(s)} URL or a stream into a temporary file that the caller deletes, with a size
 * cap, connect and read timeouts and a bounded number of redirects, each of which must stay on http or https.
 *
 * <p>The JDK's {@link HttpURLConnection} is used because it has a per-read timeout (the JDK HTTP client times out
 * only the wait for the response headers, so a stalled body would hang); redirects are followed here, not by the
 * connection, so that each hop is checked. Stateless; thread-safe.
 */
final class Download {
    private Download() {}

    /**
     * Downloads {@code url} into a new temporary file.
     *
     * @throws MediaFailure if the server refuses, a limit is exceeded, or the connection fails
     */
    static Path fetch(URI url, VideoDecodeOptions options) {
        URI current = url;
        for (int hop = 0; ; hop++) {
            checkScheme(current);
            HttpURLConnection connection;
            try {
                URL u = current.toURL();
                connection = (HttpURLConnection) u.openConnection();
            } catch (IOException | IllegalArgumentException e) {
                throw new MediaFailure("cannot connect (" + e.getMessage() + ")", e);
            }
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout(millis(options.connectTimeout().toMillis()));
            connection.setReadTimeout(millis(options.readTimeout().toMillis()));
            connection.setRequestProperty("Accept", "*/*");
            try {
                int status = connection.getResponseCode();
                if (status >= 300 && status < 400 && status != 304) {
                    String location = connection.getHeaderField("Location");
                    if (location == null) {
                        throw new MediaFailure("HTTP " + status + " redirect without a Location");
                    }
                    if (hop >= options.maxRedirects()) {
                        throw new MediaFailure("more than " + options.maxRedirects() + " redirects");
                    }
                    try {
                        current = current.resolve(new URI(location));
                    } catch (URISyntaxException e) {
                        throw new MediaFailure("HTTP " + status + " redirect to a bad URL " + location, e);
                    }
                    continue;
                }
                if (status != 200) {
                    throw new MediaFailure("HTTP " + status + " " + connection.getResponseMessage());
                }
                long length = connection.getContentLengthLong();
                if (length > options.maxDownloadBytes()) {
                    throw new MediaFailure("it is " + length + " bytes, over the limit of "
                            + options.maxDownloadBytes());
                }
                try (InputStream in = connection.getInputStream()) {
                    return copy(in, options);
                }
            } catch (SocketTimeoutException e) {
                throw new MediaFailure("timed out (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new MediaFailure("download failed (" + e + ")", e);
            } finally {
                connection.disconnect();
            }
        }
    }

    /**
     * Copies {@code in} into a new temporary file, at most {@code options.maxDownloadBytes()} bytes.
     *
     * @throws MediaFailure if the stream is longer, or reading or writing fails
     */
    static Path copy(InputStream in, VideoDecodeOptions options) {
        Path file;
        try {
            file = options.tempDir() == null ? Files.createTempFile("vlm4j-media-", ".tmp")
                    : Files.createTempFile(options.tempDir(), "vlm4j-media-", ".tmp");
        } catch (IOException e) {
            throw new MediaFailure("cannot create a temporary file (" + e + ")", e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > options.maxDownloadBytes()) {
                    throw new MediaFailure("it is over the limit of " + options.maxDownloadBytes() + " bytes");
                }
                out.write(buf, 0, n);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof MediaFailure) {
                throw (MediaFailure) e;
            }
            if (e instanceof SocketTimeoutException) {
                throw new MediaFailure("timed out (" + e.getMessage() + ")", e);
            }
            throw new MediaFailure("reading it failed (" + e + ")", e);
        }
    }

    /** Deletes a temporary file, quietly if it is already gone. */
    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }

    private static void checkScheme(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new MediaFailure("only http and https URLs are followed, got " + url);
        }
    }

    private static int millis(long ms) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ms));
    }
}
