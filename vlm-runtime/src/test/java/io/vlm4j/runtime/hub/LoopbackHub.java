package io.vlm4j.runtime.hub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A HuggingFace hub on loopback for tests: real HTTP ({@link HttpServer} on 127.0.0.1, port 0), shaped like
 * huggingface.co as huggingface_hub 0.26 sees it, with a second server standing for the CDN (another host:port,
 * so tokens must not reach it).
 *
 * <ul>
 *   <li>{@code GET /api/models/{id}/revision/{rev}[?blobs=true]}: {@code sha} and {@code siblings} (with
 *       {@code size}, {@code blobId}, {@code lfs} when {@code blobs=true});
 *   <li>{@code HEAD|GET /{id}/resolve/{rev}/{file}}: small files served with {@code ETag: "<git sha1>"}; LFS files
 *       answered {@code 302} to the CDN with {@code X-Linked-Etag: "<sha256>"} and {@code X-Linked-Size}; always
 *       {@code X-Repo-Commit}; {@code X-Error-Code} on 401/404 as the hub sends it;
 *   <li>{@code Range: bytes=N-} answered with 206 on both servers.
 * </ul>
 * Every request is recorded; faults (a dropped connection, corrupt bytes, a wrong size) are set per file.
 */
public final class LoopbackHub implements AutoCloseable {
    static {
        // The JDK server writes a response's headers and body in two packets; without TCP_NODELAY each body waits
        // for the client's delayed ACK (about 40 ms), which would make every test request that slow. Read once,
        // when the first server of the JVM is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** How long a stalled response hangs: far longer than any client timeout of the tests. */
    private static final long STALL_MILLIS = 30_000;

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-hub");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, byte[]> cdnBlobs = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> dropsLeft = new ConcurrentHashMap<>();
    private final Map<String, Long> dropAfter = new ConcurrentHashMap<>();
    private final Set<String> corrupt = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> announcedSize = new ConcurrentHashMap<>();
    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> stallAfter = new ConcurrentHashMap<>();

    /** One request the servers saw. */
    public record Request(String server, String method, String path, Optional<String> range,
            Optional<String> authorization) {
        public boolean isFileTransfer() {
            return method.equals("GET") && (server.equals("cdn") || path.contains("/resolve/"));
        }
    }

    private LoopbackHub() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        hub = HttpServer.create(loopback, 0);
        cdn = HttpServer.create(loopback, 0);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.start();
        cdn.start();
    }

    public static LoopbackHub start() throws IOException {
        return new LoopbackHub();
    }

    /** The hub's URL, for {@code HF_ENDPOINT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
    }

    /** A loopback URL nothing listens on. */
    public static URI unusedEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    /** The repository {@code id}, created empty on first use. */
    public Repo repo(String id) {
        return repos.computeIfAbsent(id, Repo::new);
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The downloads of file contents so far (GETs of resolve URLs and of the CDN). */
    public List<Request> transfers() {
        return requests.stream().filter(Request::isFileTransfer).collect(Collectors.toList());
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The next {@code times} downloads of {@code file} break after {@code bytes} bytes of the response body. */
    public void dropConnection(String file, long bytes, int times) {
        dropAfter.put(file, bytes);
        dropsLeft.put(file, times);
    }

    /** The next download of {@code file} sends {@code bytes} bytes, then nothing more until the client gives up. */
    public void stallOnce(String file, long bytes) {
        stallAfter.put(file, bytes);
    }

    /** Downloads of {@code file} send other bytes of the same length. */
    public void corrupt(String file) {
        corrupt.add(file);
    }

    /** The hub announces {@code size} bytes for {@code file} (and still serves its real bytes). */
    public void announceSize(String file, long size) {
        announcedSize.put(file, size);
    }

    /** The listing names {@code file} but resolving it answers 404 {@code EntryNotFound}. */
    public void hide(String file) {
        hidden.add(file);
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }

    /** A repository: one commit, its files, the branch {@code main} and any tags, perhaps gated or private. */
    public final class Repo {
        private final String id;
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Set<String> lfs = ConcurrentHashMap.newKeySet();
        private final Set<String> revisions = new TreeSet<>(Set.of("main"));
        private volatile String gatedToken;
        private volatile String privateToken;

        private Repo(String id) {
            this.id = id;
        }

        /** Adds a small file (a plain git blob). */
        public synchronized Repo file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public synchronized Repo file(String name, byte[] content) {
            files.put(name, content.clone());
            lfs.remove(name);
            return this;
        }

        /** Adds a file stored with git LFS (served from the CDN). */
        public synchronized Repo lfs(String name, byte[] content) {
            files.put(name, content.clone());
            lfs.add(name);
            cdnBlobs.put(sha256(content), content.clone());
            return this;
        }

        public synchronized Repo tag(String name) {
            revisions.add(name);
            return this;
        }

        /** Files need {@code Authorization: Bearer token} (401 {@code GatedRepo} otherwise); the listing does not. */
        public Repo gated(String token) {
            gatedToken = token;
            return this;
        }

        /** Everything needs the token (401 otherwise, as the hub answers for private repos). */
        public Repo privateWith(String token) {
            privateToken = token;
            return this;
        }

        /** The commit every revision points to: a hash of the files. */
        public synchronized String commit() {
            MessageDigest md = digest("SHA-1");
            md.update(id.getBytes(StandardCharsets.UTF_8));
            files.forEach((name, content) -> {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update(content);
            });
            return HexFormat.of().formatHex(md.digest());
        }

        public synchronized byte[] content(String name) {
            return files.get(name).clone();
        }

        /** The ETag the hub gives the file: the sha256 of an LFS file, the git blob sha1 of another. */
        public synchronized String etag(String name) {
            byte[] content = files.get(name);
            return lfs.contains(name) ? sha256(content) : gitBlobSha1(content);
        }

        public String id() {
            return id;
        }

        private synchronized boolean hasRevision(String rev) {
            return revisions.contains(rev) || rev.equals(commit());
        }
    }

    // ---- the hub

    private static final Pattern API = Pattern.compile("/api/models/(.+)/revision/([^/]+)");
    private static final Pattern RESOLVE = Pattern.compile("/(.+?)/resolve/([^/]+)/(.+)");

    private void hub(HttpExchange ex) throws IOException {
        try (ex) {
            record(ex, "hub");
            String path = ex.getRequestURI().getRawPath();
            Matcher api = API.matcher(path);
            Matcher resolve = RESOLVE.matcher(path);
            if (api.matches()) {
                modelInfo(ex, decode(api.group(1)), decode(api.group(2)));
            } else if (resolve.matches()) {
                resolve(ex, decode(resolve.group(1)), decode(resolve.group(2)), decode(resolve.group(3)));
            } else {
                send(ex, 404, new byte[0]);
            }
        }
    }

    /** The repository if the request may see it at that revision; else answers as the hub does and gives null. */
    private Repo visible(HttpExchange ex, String id, String rev) throws IOException {
        Repo repo = repos.get(id);
        if (repo == null) {
            fail(ex, 404, "RepoNotFound", "Repository not found", null);
        } else if (!authorized(ex, repo.privateToken)) {
            fail(ex, 401, "RepoNotFound", "Invalid username or password.", null);
        } else if (!repo.hasRevision(rev)) {
            fail(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev, null);
        } else {
            return repo;
        }
        return null;
    }

    private void modelInfo(HttpExchange ex, String id, String rev) throws IOException {
        Repo repo = visible(ex, id, rev);
        if (repo == null) {
            return;
        }
        boolean blobs = Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse("").contains("blobs=true");
        StringBuilder json = new StringBuilder();
        synchronized (repo) {
            json.append("{\"_id\":\"0\",\"id\":\"").append(id).append("\",\"private\":")
                    .append(repo.privateToken != null).append(",\"gated\":")
                    .append(repo.gatedToken != null ? "\"manual\"" : "false").append(",\"sha\":\"")
                    .append(repo.commit()).append("\",\"siblings\":[");
            String sep = "";
            for (Map.Entry<String, byte[]> f : repo.files.entrySet()) {
                json.append(sep).append("{\"rfilename\":\"").append(f.getKey()).append('"');
                if (blobs) {
                    byte[] c = f.getValue();
                    boolean isLfs = repo.lfs.contains(f.getKey());
                    String pointer = pointer(c);
                    json.append(",\"size\":").append(c.length).append(",\"blobId\":\"")
                            .append(gitBlobSha1(isLfs ? pointer.getBytes(StandardCharsets.UTF_8) : c)).append('"');
                    if (isLfs) {
                        json.append(",\"lfs\":{\"size\":").append(c.length).append(",\"sha256\":\"")
                                .append(sha256(c)).append("\",\"pointerSize\":").append(pointer.length()).append('}');
                    }
                }
                json.append('}');
                sep = ",";
            }
            json.append("]}");
        }
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(ex, 200, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void resolve(HttpExchange ex, String id, String rev, String file) throws IOException {
        Repo repo = visible(ex, id, rev);
        if (repo == null) {
            return;
        }
        String commit = repo.commit();
        if (!authorized(ex, repo.gatedToken)) {
            fail(ex, 401, "GatedRepo", "Access to model " + id + " is restricted.", commit);
            return;
        }
        byte[] content;
        boolean isLfs;
        synchronized (repo) {
            content = repo.files.get(file);
            isLfs = repo.lfs.contains(file);
        }
        if (content == null || hidden.contains(file)) {
            fail(ex, 404, "EntryNotFound", "Entry not found", commit);
            return;
        }
        Headers h = ex.getResponseHeaders();
        h.set("X-Repo-Commit", commit);
        long size = announcedSize.getOrDefault(file, (long) content.length);
        if (isLfs) {
            String sha = sha256(content);
            byte[] pointer = pointer(content).getBytes(StandardCharsets.UTF_8);
            h.set("ETag", "\"" + gitBlobSha1(pointer) + "\"");
            h.set("X-Linked-Etag", "\"" + sha + "\"");
            h.set("X-Linked-Size", Long.toString(size));
            h.set("Location", "http://127.0.0.1:" + cdn.getAddress().getPort() + "/repos/" + sha.substring(0, 2)
                    + "/" + sha + "?response-content-disposition=attachment%3B+filename%3D%22"
                    + file.replace("/", "%2F") + "%22&X-Signature=loopback");
            send(ex, 302, ("Found. Redirecting to the CDN").getBytes(StandardCharsets.UTF_8));
            return;
        }
        h.set("ETag", "\"" + gitBlobSha1(content) + "\"");
        if (ex.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        serve(ex, file, content);
    }

    // ---- the CDN

    private static final Pattern BLOB = Pattern.compile("/repos/[0-9a-f]{2}/([0-9a-f]{64})");

    private void cdn(HttpExchange ex) throws IOException {
        try (ex) {
            record(ex, "cdn");
            Matcher m = BLOB.matcher(ex.getRequestURI().getRawPath());
            byte[] content = m.matches() ? cdnBlobs.get(m.group(1)) : null;
            if (content == null) {
                send(ex, 404, new byte[0]);
                return;
            }
            String query = Optional.ofNullable(ex.getRequestURI().getQuery()).orElse("");
            Matcher name = Pattern.compile("filename=\"([^\"]+)\"").matcher(query);
            serve(ex, name.find() ? name.group(1) : m.group(1), content);
        }
    }

    /** Sends the content (or the rest after a Range), with the faults set for the file. */
    private void serve(HttpExchange ex, String file, byte[] content) throws IOException {
        byte[] body = content;
        if (corrupt.contains(file)) {
            body = content.clone();
            body[body.length / 2] ^= 0x5a;
        }
        long from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (!m.matches()) {
                send(ex, 400, new byte[0]);
                return;
            }
            from = Long.parseLong(m.group(1));
            if (from >= body.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
                send(ex, 416, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("Content-Range",
                    "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        int status = range == null ? 200 : 206;
        int length = body.length - (int) from;
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length);
        OutputStream out = ex.getResponseBody();
        Integer left = dropsLeft.computeIfPresent(file, (k, v) -> v - 1);
        if (left != null && left >= 0) {
            int cut = (int) Math.min(length, dropAfter.get(file));
            out.write(body, (int) from, cut);
            out.flush();
            // closing the exchange short of its Content-Length drops the connection
            throw new IOException("dropped the connection after " + cut + " bytes");
        }
        Long stall = stallAfter.remove(file);
        if (stall != null) {
            out.write(body, (int) from, (int) Math.min(length, stall));
            out.flush();
            try {
                Thread.sleep(STALL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled");
        }
        out.write(body, (int) from, length);
    }

    private void fail(HttpExchange ex, int status, String code, String message, String commit) throws IOException {
        ex.getResponseHeaders().set("X-Error-Code", code);
        ex.getResponseHeaders().set("X-Error-Message", message);
        if (commit != null) {
            ex.getResponseHeaders().set("X-Repo-Commit", commit);
        }
        send(ex, status, ("{\"error\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        ex.getResponseBody().write(body);
    }

    private static boolean authorized(HttpExchange ex, String token) {
        return token == null || ("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private void record(HttpExchange ex, String server) {
        Headers h = ex.getRequestHeaders();
        requests.add(new Request(server, ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                Optional.ofNullable(h.getFirst("Range")), Optional.ofNullable(h.getFirst("Authorization"))));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String pointer(byte[] content) {
        return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256(content) + "\nsize "
                + content.length + "\n";
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(content));
    }

    public static String gitBlobSha1(byte[] content) {
        MessageDigest md = digest("SHA-1");
        md.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        md.update(content);
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic pseudo-random bytes. */
    public static byte[] bytes(int size, long seed) {
        byte[] out = new byte[size];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }
}
