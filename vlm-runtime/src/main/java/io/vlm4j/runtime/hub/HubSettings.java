package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the hub is, where its cache is, and how to talk to it: the environment variables of huggingface_hub
 * 0.26 ({@code constants.py}, {@code utils/_auth.py}), read from a map so tests need not touch the process
 * environment.
 *
 * <ul>
 *   <li>{@code HF_ENDPOINT}: the hub, default {@code https://huggingface.co};
 *   <li>{@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}, where
 *       {@code HF_HOME} defaults to {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface};
 *   <li>{@code HF_TOKEN}, else {@code HUGGING_FACE_HUB_TOKEN}, else the file {@code HF_TOKEN_PATH}
 *       (default {@code $HF_HOME/token}): sent as {@code Authorization: Bearer} to the endpoint, never to a CDN;
 *   <li>{@code HF_HUB_OFFLINE} (or {@code TRANSFORMERS_OFFLINE}) = 1/ON/YES/TRUE: no network at all;
 *   <li>{@code HF_HUB_ETAG_TIMEOUT}, {@code HF_HUB_DOWNLOAD_TIMEOUT}: seconds, default 10.
 * </ul>
 *
 * <p>Immutable; {@link #toString()} never shows the token.
 *
 * @param endpoint the hub, without a trailing slash
 * @param cacheDir the hub cache ({@code HF_HUB_CACHE})
 * @param token the access token, if any
 * @param offline whether no network call may be made
 * @param metadataTimeout how long an API or metadata request may take
 * @param downloadTimeout how long a download may go without receiving a byte
 * @param maxRetries how many times in a row a download is resumed after a failure that brought no new byte
 * @param retryDelay how long to wait before resuming
 */
public record HubSettings(
        URI endpoint,
        Path cacheDir,
        Optional<String> token,
        boolean offline,
        Duration metadataTimeout,
        Duration downloadTimeout,
        int maxRetries,
        Duration retryDelay) {
    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private static final Set<String> TRUE_VALUES = Set.of("1", "ON", "YES", "TRUE");
    private static final int DEFAULT_TIMEOUT_SECONDS = 10;
    private static final int DEFAULT_MAX_RETRIES = 5;
    private static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    public HubSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(metadataTimeout, "metadataTimeout");
        Objects.requireNonNull(downloadTimeout, "downloadTimeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT,
                    "hub endpoint: expected an http(s) URL, got '" + endpoint + "'");
        }
        String text = endpoint.toString();
        if (text.endsWith("/")) {
            endpoint = URI.create(text.replaceAll("/+$", ""));
        }
        if (metadataTimeout.isNegative() || metadataTimeout.isZero() || downloadTimeout.isNegative()
                || downloadTimeout.isZero() || retryDelay.isNegative() || maxRetries < 0) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, "hub settings: expected timeouts above 0 and"
                    + " retries and delay of 0 or more, got " + metadataTimeout + ", " + downloadTimeout + ", "
                    + maxRetries + ", " + retryDelay);
        }
    }

    /** The settings of this process's environment ({@link System#getenv()}). */
    public static HubSettings fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The settings an environment describes, as huggingface_hub reads them.
     *
     * @throws VlmException {@link ErrorCode#INVALID_ARGUMENT} naming the variable whose value is bad
     */
    public static HubSettings fromEnvironment(Map<String, String> env) {
        String endpointText = nonEmpty(env.get("HF_ENDPOINT"));
        URI endpoint;
        try {
            endpoint = endpointText == null ? DEFAULT_ENDPOINT : new URI(endpointText);
        } catch (java.net.URISyntaxException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT,
                    "HF_ENDPOINT: expected an http(s) URL, got '" + endpointText + "'", e);
        }
        String home = Optional.ofNullable(nonEmpty(env.get("HOME"))).orElse(System.getProperty("user.home"));
        Path hfHome = Optional.ofNullable(nonEmpty(env.get("HF_HOME")))
                .map(p -> expandUser(p, home))
                .orElseGet(() -> Optional.ofNullable(nonEmpty(env.get("XDG_CACHE_HOME")))
                        .map(p -> expandUser(p, home))
                        .orElseGet(() -> Path.of(home, ".cache"))
                        .resolve("huggingface"));
        Path cacheDir = Optional.ofNullable(nonEmpty(env.get("HF_HUB_CACHE")))
                .or(() -> Optional.ofNullable(nonEmpty(env.get("HUGGINGFACE_HUB_CACHE"))))
                .map(p -> expandUser(p, home))
                .orElseGet(() -> hfHome.resolve("hub"));
        Optional<String> token = cleanToken(env.get("HF_TOKEN"))
                .or(() -> cleanToken(env.get("HUGGING_FACE_HUB_TOKEN")))
                .or(() -> readTokenFile(Optional.ofNullable(nonEmpty(env.get("HF_TOKEN_PATH")))
                        .map(p -> expandUser(p, home))
                        .orElseGet(() -> hfHome.resolve("token"))));
        boolean offline = isTrue(Optional.ofNullable(nonEmpty(env.get("HF_HUB_OFFLINE")))
                .orElse(env.get("TRANSFORMERS_OFFLINE")));
        return new HubSettings(endpoint, cacheDir, token, offline,
                seconds(env, "HF_HUB_ETAG_TIMEOUT"), seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT"),
                DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY);
    }

    /** These settings with another cache folder. */
    public HubSettings withCacheDir(Path dir) {
        return new HubSettings(endpoint, dir, token, offline, metadataTimeout, downloadTimeout, maxRetries,
                retryDelay);
    }

    /** These settings, offline or not. */
    public HubSettings withOffline(boolean noNetwork) {
        return new HubSettings(endpoint, cacheDir, token, noNetwork, metadataTimeout, downloadTimeout, maxRetries,
                retryDelay);
    }

    /** These settings with another retry policy for broken downloads. */
    public HubSettings withRetries(int retries, Duration delay) {
        return new HubSettings(endpoint, cacheDir, token, offline, metadataTimeout, downloadTimeout, retries, delay);
    }

    /** These settings with other timeouts. */
    public HubSettings withTimeouts(Duration metadata, Duration download) {
        return new HubSettings(endpoint, cacheDir, token, offline, metadata, download, maxRetries, retryDelay);
    }

    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cacheDir=" + cacheDir + ", token="
                + (token.isPresent() ? "(set)" : "(none)") + ", offline=" + offline + ", metadataTimeout="
                + metadataTimeout + ", downloadTimeout=" + downloadTimeout + ", maxRetries=" + maxRetries
                + ", retryDelay=" + retryDelay + "]";
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static boolean isTrue(String value) {
        return value != null && TRUE_VALUES.contains(value.toUpperCase(Locale.ROOT));
    }

    private static Path expandUser(String path, String home) {
        if (path.equals("~")) {
            return Path.of(home);
        }
        if (path.startsWith("~/")) {
            return Path.of(home, path.substring(2));
        }
        return Path.of(path);
    }

    /** As huggingface_hub's {@code _clean_token}: line breaks removed, blanks trimmed, empty means none. */
    private static Optional<String> cleanToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String cleaned = token.replace("\r", "").replace("\n", "").strip();
        return cleaned.isEmpty() ? Optional.empty() : Optional.of(cleaned);
    }

    private static Optional<String> readTokenFile(Path file) {
        try {
            return cleanToken(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT,
                    "cannot read the hub token file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Duration seconds(Map<String, String> env, String name) {
        String value = nonEmpty(env.get(name));
        if (value == null) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        String expected = name + ": expected a number of seconds above 0, got '" + value + "'";
        int seconds;
        try {
            seconds = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, expected, e);
        }
        if (seconds <= 0) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, expected);
        }
        return Duration.ofSeconds(seconds);
    }
}
