package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP API, as huggingface_hub 0.26 calls it: the model info
 * ({@code GET /api/models/{repo}/revision/{revision}}), a file's metadata ({@code HEAD /{repo}/resolve/{commit}/{file}}
 * without following the redirect to the CDN, following only relative ones) and resumable downloads
 * ({@code Range: bytes=N-}, resumed after a broken connection as {@code http_get} does). The token goes to the
 * endpoint only, never to another host. Errors are {@link VlmException}s with HF's meaning: 401/403 (gated or
 * private), 404 (repo, revision or file, from {@code X-Error-Code}), unreachable hosts. Thread-safe.
 */
final class HubHttp {
    private static final Logger LOG = LoggerFactory.getLogger(HubHttp.class);
    private static final int MAX_REDIRECTS = 10;
    /** How often a download is checked for a stall. */
    private static final long POLL_MILLIS = 50;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(?:\\d+|\\*)");
    private static final String USER_AGENT = "vlm4j/"
            + Optional.ofNullable(HubHttp.class.getPackage().getImplementationVersion()).orElse("dev")
            + "; java/" + System.getProperty("java.version");

    private final HubSettings settings;
    private final HttpClient client;

    HubHttp(HubSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.metadataTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** The commit a revision points to and the repository's files. */
    RepoInfo repoInfo(RepoId repo) {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + repo.id() + "/revision/"
                + quote(repo.revision(), false) + "?blobs=true");
        for (int redirects = 0; ; redirects++) {
            HttpResponse<String> r = send(request(uri).GET().build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = r.statusCode();
            if (isRedirect(status) && redirects < MAX_REDIRECTS) {
                uri = redirectTarget(r, uri, repo);
                continue;
            }
            if (status != 200) {
                throw error(r, repo, null);
            }
            return RepoInfo.parse(r.body(), uri.toString());
        }
    }

    /** The metadata of one file at a commit. */
    FileMetadata head(RepoId repo, String commit, String file) {
        URI uri = URI.create(settings.endpoint() + "/" + repo.id() + "/resolve/" + quote(commit, false) + "/"
                + quote(file, true));
        for (int redirects = 0; ; redirects++) {
            HttpRequest head = request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> r = send(head, BodyHandlers.discarding());
            int status = r.statusCode();
            URI location = uri;
            if (isRedirect(status)) {
                URI target = locationOf(r, uri, repo);
                location = uri.resolve(target);
                if (target.getHost() == null && redirects < MAX_REDIRECTS) {
                    uri = location; // a renamed repository: follow, as huggingface_hub follows relative redirects
                    continue;
                }
            } else if (status != 200) {
                throw error(r, repo, file);
            }
            return metadata(r.headers(), location, repo, file);
        }
    }

    /**
     * Downloads {@code meta}'s content into {@code incomplete}, continuing from its current length, until it has
     * {@code meta.size()} bytes; a broken or stalled transfer is resumed after {@link HubSettings#retryDelay()},
     * up to {@link HubSettings#maxRetries()} times in a row without a new byte.
     *
     * @throws VlmException {@link ErrorCode#REMOTE_UNAVAILABLE} if it cannot, or if the server sends more or
     *     fewer bytes than announced (the partial file is then deleted)
     */
    void download(FileMetadata meta, Path incomplete, String file, ProgressListener listener) {
        int failures = 0;
        while (true) {
            long have = sizeOf(incomplete);
            if (have > meta.size()) {
                LOG.info("{}: the partial download {} is longer than the file; starting over", file, incomplete);
                truncate(incomplete, 0);
                have = 0;
            }
            if (have == meta.size()) {
                return;
            }
            try {
                transfer(meta.location(), incomplete, have, meta.size(), file, listener);
                long got = sizeOf(incomplete);
                if (got != meta.size()) {
                    delete(incomplete);
                    throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, file + ": the download ended after " + got
                            + " bytes, the hub announced " + meta.size() + "; the partial file was deleted, run again");
                }
                return;
            } catch (TooLong e) {
                delete(incomplete);
                throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, file + ": the server sent more than the "
                        + meta.size() + " bytes the hub announced; the partial file was deleted, run again", e);
            } catch (LocalWriteFailure e) {
                throw HubCache.cannot("write", incomplete, (IOException) e.getCause());
            } catch (IOException e) {
                boolean progressed = sizeOf(incomplete) > have;
                failures = progressed ? 0 : failures + 1;
                if (failures > settings.maxRetries()) {
                    throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, "cannot download " + file + " from "
                            + origin(meta.location()) + ": " + describe(e) + " (gave up after " + failures
                            + " attempts without progress; run again to resume from " + sizeOf(incomplete)
                            + " bytes)", e);
                }
                LOG.warn("{}: {} after {} of {} bytes; resuming", file, describe(e), sizeOf(incomplete), meta.size());
                sleep(settings.retryDelay(), file);
            }
        }
    }

    /** One GET of the rest of the file, following redirects; returns when the body has ended normally. */
    private void transfer(URI start, Path incomplete, long have, long size, String file, ProgressListener listener)
            throws IOException {
        URI uri = start;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder b = request(uri).GET();
            if (have > 0) {
                b.header("Range", "bytes=" + have + "-");
            }
            AtomicReference<PartialFileWriter> writer = new AtomicReference<>();
            AtomicReference<String> badRange = new AtomicReference<>();
            try (FileChannel channel = open(incomplete)) {
                BodyHandler<Void> handler = info -> {
                    int status = info.statusCode();
                    long from = status == 200 ? 0 : have;
                    if (status == 206) {
                        String range = info.headers().firstValue("Content-Range").orElse("");
                        Matcher m = CONTENT_RANGE.matcher(range);
                        if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                            badRange.set(range);
                            return BodySubscribers.replacing(null);
                        }
                    }
                    if (status != 200 && status != 206) {
                        return BodySubscribers.replacing(null);
                    }
                    PartialFileWriter w = new PartialFileWriter(channel, from, size, file, listener);
                    writer.set(w);
                    return w;
                };
                HttpResponse<Void> r;
                try {
                    r = await(client.sendAsync(b.build(), handler), writer);
                } finally {
                    PartialFileWriter w = writer.get();
                    if (w != null) {
                        channel.truncate(w.close());
                    }
                }
                int status = r.statusCode();
                if (badRange.get() != null) {
                    channel.truncate(0);
                    throw new IOException("asked for bytes " + have + "- and got 'Content-Range: " + badRange.get()
                            + "'; starting over");
                }
                if (status == 200 || status == 206) {
                    return;
                }
                if (status == 416) {
                    channel.truncate(0);
                    throw new IOException("the server cannot resume at byte " + have + " (416); starting over");
                }
                if (isRedirect(status) && redirects < MAX_REDIRECTS) {
                    uri = redirectTarget(r, uri, null);
                    continue;
                }
                throw error(r, null, file);
            }
        }
    }

    /** Waits for a download, cancelling it when no byte has come for {@link HubSettings#downloadTimeout()}. */
    private HttpResponse<Void> await(CompletableFuture<HttpResponse<Void>> future,
            AtomicReference<PartialFileWriter> writer) throws IOException {
        Duration timeout = settings.downloadTimeout();
        long sentAt = System.nanoTime();
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                PartialFileWriter w = writer.get();
                long last = w == null ? sentAt : Math.max(sentAt, w.lastActivity());
                if (System.nanoTime() - last > timeout.toNanos()) {
                    future.cancel(true);
                    throw new IOException("no data for " + shown(timeout) + " (HF_HUB_DOWNLOAD_TIMEOUT)", e);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException) {
                    throw (IOException) cause;
                }
                throw new IOException(describe(cause), cause);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, "interrupted while downloading", e);
            }
        }
    }

    /** A metadata request: the whole exchange within {@link HubSettings#metadataTimeout()}. */
    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> future = client.sendAsync(request, handler);
        try {
            return future.get(settings.metadataTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, where(request.uri()) + " did not answer "
                    + request.uri() + " within " + shown(settings.metadataTimeout()) + " (HF_HUB_ETAG_TIMEOUT)"
                    + offlineHint(request.uri()), e);
        } catch (ExecutionException e) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, "cannot reach " + where(request.uri()) + ": "
                    + describe(e.getCause()) + offlineHint(request.uri()), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, "interrupted while waiting for " + request.uri(), e);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");
        if (settings.token().isPresent() && sameOrigin(uri, settings.endpoint())) {
            b.header("Authorization", "Bearer " + settings.token().get());
        }
        return b;
    }

    private FileMetadata metadata(HttpHeaders headers, URI location, RepoId repo, String file) {
        Optional<String> commit = headers.firstValue("X-Repo-Commit");
        Optional<String> etag = headers.firstValue("X-Linked-Etag").or(() -> headers.firstValue("ETag"))
                .map(HubHttp::normalizeEtag);
        Optional<String> size = headers.firstValue("X-Linked-Size").or(() -> headers.firstValue("Content-Length"));
        String missing = commit.isEmpty() ? "X-Repo-Commit" : etag.isEmpty() ? "ETag" : size.isEmpty()
                ? "X-Linked-Size or Content-Length" : null;
        if (missing != null) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, repo + " " + file + ": the answer of "
                    + settings.endpoint() + " has no " + missing + " header; is HF_ENDPOINT a HuggingFace hub (or"
                    + " is a proxy in the way)?");
        }
        long bytes;
        try {
            bytes = Long.parseLong(size.get().strip());
        } catch (NumberFormatException e) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE,
                    repo + " " + file + ": the hub announced the size '" + size.get() + "'", e);
        }
        return new FileMetadata(commit.get(), etag.get(), bytes, location);
    }

    /** As huggingface_hub's {@code _normalize_etag}: {@code etag.lstrip("W/").strip('"')}. */
    static String normalizeEtag(String etag) {
        int i = 0;
        while (i < etag.length() && (etag.charAt(i) == 'W' || etag.charAt(i) == '/')) {
            i++;
        }
        int j = etag.length();
        while (j > i && etag.charAt(j - 1) == '"') {
            j--;
        }
        while (i < j && etag.charAt(i) == '"') {
            i++;
        }
        return etag.substring(i, j);
    }

    private static URI redirectTarget(HttpResponse<?> r, URI from, RepoId repo) {
        return from.resolve(locationOf(r, from, repo));
    }

    private static URI locationOf(HttpResponse<?> r, URI from, RepoId repo) {
        String prefix = (repo == null ? "" : repo + ": ") + from + " answered " + r.statusCode();
        String location = r.headers().firstValue("Location").orElseThrow(() -> new VlmException(
                ErrorCode.REMOTE_UNAVAILABLE, prefix + " without a Location header"));
        try {
            return new URI(location);
        } catch (java.net.URISyntaxException e) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, prefix + " with a bad Location: " + location, e);
        }
    }

    /** The error an unsuccessful answer means; {@code file} is null for the model info. */
    private VlmException error(HttpResponse<?> r, RepoId repo, String file) {
        int status = r.statusCode();
        String code = r.headers().firstValue("X-Error-Code").orElse("");
        String serverMessage = r.headers().firstValue("X-Error-Message").map(m -> " (" + m + ")").orElse("");
        String what = repo == null ? file : repo.id();
        if (status == 401) {
            return new VlmException(ErrorCode.REMOTE_UNAVAILABLE, what + ": " + where(r.uri())
                    + " answered 401 Unauthorized: a gated or private repo (or one that does not exist)"
                    + (settings.token().isPresent()
                            ? ": the token (HF_TOKEN or the token file) was refused, or has no access to it"
                            : ": set HF_TOKEN to a token that has access to it")
                    + serverMessage);
        }
        if (status == 403) {
            return new VlmException(ErrorCode.REMOTE_UNAVAILABLE, what + ": " + where(r.uri()) + " answered 403"
                    + ("GatedRepo".equals(code)
                            ? ": a gated repo whose terms this token has not accepted; ask for access at "
                                    + settings.endpoint() + "/" + what
                            : ": access refused" + (settings.token().isPresent() ? "" : "; set HF_TOKEN"))
                    + serverMessage);
        }
        if (status == 404) {
            String message;
            if ("RevisionNotFound".equals(code)) {
                message = "revision '" + (repo == null ? "?" : repo.revision()) + "' not found in " + what;
            } else if ("EntryNotFound".equals(code) || (file != null && !"RepoNotFound".equals(code))) {
                message = "file '" + file + "' not found in " + (repo == null ? r.uri() : repo);
            } else if ("RepoNotFound".equals(code)) {
                message = "repository " + what + " not found";
            } else {
                message = "repository " + what + " or its revision '" + repo.revision() + "' not found";
            }
            return new VlmException(ErrorCode.NOT_FOUND, message + " on " + settings.endpoint() + serverMessage);
        }
        return new VlmException(ErrorCode.REMOTE_UNAVAILABLE, what + ": " + where(r.uri()) + " answered "
                + status + " for " + r.uri() + serverMessage);
    }

    private String where(URI uri) {
        return sameOrigin(uri, settings.endpoint()) ? "the hub at " + settings.endpoint()
                : origin(uri) + " (the hub's file storage)";
    }

    private String offlineHint(URI uri) {
        return sameOrigin(uri, settings.endpoint())
                ? "; check the network or HF_ENDPOINT, or set HF_HUB_OFFLINE=1 to use the cache" : "";
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && String.valueOf(a.getRawAuthority()).equalsIgnoreCase(String.valueOf(b.getRawAuthority()));
    }

    private static boolean isRedirect(int status) {
        return status >= 300 && status < 400;
    }

    /**
     * As Python's {@code urllib.parse.quote}: UTF-8, everything but letters, digits, {@code _.-~} (and
     * {@code /} if {@code keepSlash}) percent-encoded.
     */
    static String quote(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-' || c == '~' || (keepSlash && c == '/');
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String shown(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw HubCache.cannot("read the size of", file, e);
        }
    }

    /** The partial file, for writing; failing to open it is the cache's fault, not the network's. */
    private static FileChannel open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw HubCache.cannot("write", file, e);
        }
    }

    private static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        } catch (IOException e) {
            throw HubCache.cannot("truncate", file, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw HubCache.cannot("delete", file, e);
        }
    }

    private static void sleep(Duration delay, String file) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, "interrupted while downloading " + file, e);
        }
    }

    /** Writing the partial file failed (a full disk): the cache's fault, not worth a retry. */
    private static final class LocalWriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteFailure(IOException cause) {
            super(cause);
        }
    }

    /** More bytes came than the file has. */
    private static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(long size) {
            super("more than " + size + " bytes");
        }
    }

    /**
     * Writes a response body into the partial file at its offset, as it arrives. Its {@link #close()} stops it
     * and says how far the file is good.
     */
    private static final class PartialFileWriter implements BodySubscriber<Void> {
        private final FileChannel channel;
        private final long from;
        private final long size;
        private final String file;
        private final ProgressListener listener;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription subscription;
        private long written;
        private boolean closed;
        private volatile long lastActivity = System.nanoTime();

        PartialFileWriter(FileChannel channel, long from, long size, String file, ProgressListener listener) {
            this.channel = channel;
            this.from = from;
            this.size = size;
            this.file = file;
            this.listener = listener;
        }

        long lastActivity() {
            return lastActivity;
        }

        @Override
        public synchronized void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            long position;
            synchronized (this) {
                if (closed) {
                    return;
                }
                try {
                    for (ByteBuffer b : items) {
                        if (from + written + b.remaining() > size) {
                            fail(new TooLong(size));
                            return;
                        }
                        while (b.hasRemaining()) {
                            written += channel.write(b, from + written);
                        }
                    }
                } catch (IOException e) {
                    fail(new LocalWriteFailure(e));
                    return;
                }
                lastActivity = System.nanoTime();
                position = from + written;
            }
            listener.fileProgress(file, position, size);
            subscription.request(1);
        }

        private void fail(IOException e) {
            closed = true;
            subscription.cancel();
            done.completeExceptionally(e);
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        /** Stops writing; returns the length of the file's good prefix. */
        synchronized long close() {
            if (!closed) {
                closed = true;
                if (subscription != null) {
                    subscription.cancel();
                }
            }
            return from + written;
        }
    }
}
