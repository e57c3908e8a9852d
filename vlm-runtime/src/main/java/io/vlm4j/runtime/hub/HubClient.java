package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches snapshots of model repositories from the HuggingFace hub into the HuggingFace cache, as
 * huggingface_hub 0.26's {@code snapshot_download} does, and finds them there offline.
 *
 * <p>Online, {@link #snapshot} asks the hub which commit the revision points to and which files the repository
 * has ({@code /api/models/{repo}/revision/{revision}}), records the revision in {@code refs/}, and fetches each
 * {@linkplain FileSelection selected} file the snapshot lacks: its metadata by {@code HEAD}, its content into
 * {@code blobs/{etag}.incomplete} (resumed with a {@code Range} request where an earlier download stopped, under
 * the blob's lock), checked against the size and the sha256 (LFS files) or git sha1 (others) the hub gives,
 * renamed to {@code blobs/{etag}}, linked from {@code snapshots/{commit}/{file}}. Files already in the snapshot
 * cost no request. If the hub cannot be reached or refuses the repository (401, 403, 5xx) and the cache holds a
 * complete snapshot of the revision, that snapshot is used (with a warning), as huggingface_hub does; else the
 * hub's error stands.
 *
 * <p>Offline ({@code HF_HUB_OFFLINE=1}) it makes no network connection at all: the revision is looked up in
 * {@code refs/} (or is the commit), and a snapshot that lacks config.json or its weights is an error naming the
 * missing file and the cache path.
 *
 * <p>Thread-safe; two processes (or threads) fetching the same files share the cache safely: a blob downloads
 * under a lock file in {@code .locks/} and every final name appears by an atomic rename.
 */
public final class HubClient {
    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SHA1 = Pattern.compile("[0-9a-f]{40}");
    private static final int HASH_BUFFER = 1 << 20;

    private final HubSettings settings;
    private final HubCache cache;
    private volatile HubHttp http;

    private HubClient(HubSettings settings, HubCache cache) {
        this.settings = settings;
        this.cache = cache;
    }

    /** A client configured by this process's environment. */
    public static HubClient fromEnvironment() {
        return of(HubSettings.fromEnvironment());
    }

    /** A client configured by {@code env} (variables as {@link HubSettings} lists them). */
    public static HubClient fromEnvironment(Map<String, String> env) {
        return of(HubSettings.fromEnvironment(env));
    }

    public static HubClient of(HubSettings settings) {
        return new HubClient(settings, new HubCache(settings.cacheDir()));
    }

    /** A client that never makes symlinks in the cache, as on file systems without them (for tests). */
    static HubClient withoutSymlinks(HubSettings settings) {
        return new HubClient(settings, new HubCache(settings.cacheDir(), false));
    }

    public HubSettings settings() {
        return settings;
    }

    /**
     * The snapshot folder of {@code repoId} at {@code revision} holding the selected files.
     *
     * @param revision a branch, tag or commit; {@code null} for {@link RepoId#DEFAULT_REVISION}
     * @see #snapshot(RepoId, FileSelection, ProgressListener)
     */
    public Path snapshot(String repoId, String revision, FileSelection selection, ProgressListener listener) {
        return snapshot(new RepoId(repoId, revision == null ? RepoId.DEFAULT_REVISION : revision), selection,
                listener);
    }

    /**
     * The snapshot folder {@code {cache}/models--org--name/snapshots/{commit}} holding the selected files,
     * downloaded as needed.
     *
     * @throws VlmException {@link ErrorCode#NOT_FOUND} if the hub has no such repository, revision or file;
     *     {@link ErrorCode#REMOTE_UNAVAILABLE} if the hub cannot be reached, refuses the repository (gated or
     *     private: set {@code HF_TOKEN}), sends a file that fails its checks, or, offline, the cache lacks it;
     *     {@link ErrorCode#CHECKPOINT_INVALID} if the repository lacks config.json or the weights
     */
    public Path snapshot(RepoId repo, FileSelection selection, ProgressListener listener) {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(listener, "listener");
        if (settings.offline()) {
            return cached(repo, selection, "offline (HF_HUB_OFFLINE=1)", null);
        }
        RepoInfo info;
        try {
            info = http().repoInfo(repo);
        } catch (VlmException e) {
            if (e.code() != ErrorCode.REMOTE_UNAVAILABLE) {
                throw e;
            }
            Path snapshot;
            try {
                snapshot = cached(repo, selection, e.getMessage(), e);
            } catch (VlmException notCached) {
                e.addSuppressed(notCached);
                throw e;
            }
            LOG.warn("{}; using the cached snapshot {}", e.getMessage(), snapshot);
            return snapshot;
        }
        String commit = info.sha();
        cache.writeRef(repo, commit);
        String where = repo.id() + "@" + (repo.isCommit() ? commit : repo.revision() + " (" + commit + ")");
        Path snapshot = cache.snapshot(repo, commit);
        List<String> files = selection.select(info.fileNames(), where);
        for (String file : files) {
            fetch(repo, commit, file, info, listener);
        }
        for (String shard : FileSelection.shards(snapshot, files, info.fileNames(), where)) {
            fetch(repo, commit, shard, info, listener);
        }
        return snapshot;
    }

    /** The cached snapshot of the revision, complete for {@code selection}, or an error saying what lacks. */
    private Path cached(RepoId repo, FileSelection selection, String why, VlmException cause) {
        Optional<String> commit = cache.cachedCommit(repo);
        String prefix = why + ": ";
        if (commit.isEmpty()) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, prefix + repo + " is not in the hub cache "
                    + cache.root() + " (no " + cache.ref(repo) + ")", cause);
        }
        Path snapshot = cache.snapshot(repo, commit.get());
        if (!Files.isDirectory(snapshot)) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, prefix + repo + " is not in the hub cache "
                    + cache.root() + " (no snapshot folder " + snapshot + ")", cause);
        }
        List<String> missing = selection.missingIn(snapshot);
        if (!missing.isEmpty()) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, prefix + "the cached snapshot " + snapshot
                    + " of " + repo + " lacks " + String.join(", ", missing), cause);
        }
        return snapshot;
    }

    private void fetch(RepoId repo, String commit, String file, RepoInfo info, ProgressListener listener) {
        Path pointer = cache.pointer(repo, commit, file);
        if (Files.exists(pointer)) {
            listener.fileFinished(file, sizeOf(pointer), false);
            return;
        }
        FileMetadata meta = http().head(repo, commit, file);
        if (!meta.commit().equals(commit)) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, repo + " " + file + ": the hub gave the commit "
                    + meta.commit() + " for a file of commit " + commit);
        }
        Path blob = cache.blob(repo, meta.etag());
        if (Files.exists(blob)) {
            cache.link(blob, pointer, false);
            listener.fileFinished(file, meta.size(), false);
            return;
        }
        boolean downloaded = false;
        HubCache.Lock lock = cache.lock(repo, meta.etag());
        try {
            if (!Files.exists(blob)) { // another process may have fetched it while this one waited for the lock
                Path incomplete = cache.incomplete(blob);
                listener.fileStarted(file, meta.size(), sizeOf(incomplete));
                http().download(meta, incomplete, file, listener);
                verify(incomplete, meta, info.siblings().get(file), repo, file);
                cache.commitBlob(incomplete, blob);
                downloaded = true;
            }
            if (!Files.exists(pointer)) {
                cache.link(blob, pointer, downloaded);
            }
        } finally {
            lock.close();
        }
        listener.fileFinished(file, meta.size(), downloaded);
    }

    /**
     * Checks a complete download against what the hub says of it: the sha256 an LFS ETag is, or the git blob
     * sha1 of a small file whose ETag is the listing's blob id. A mismatch deletes the download.
     */
    private static void verify(Path download, FileMetadata meta, RepoInfo.Sibling sibling, RepoId repo,
            String file) {
        String etag = meta.etag();
        String algorithm;
        byte[] header;
        if (SHA256.matcher(etag).matches()) {
            algorithm = "SHA-256";
            header = new byte[0];
        } else if (SHA1.matcher(etag).matches() && sibling != null
                && sibling.blobId().filter(etag::equals).isPresent()) {
            algorithm = "SHA-1";
            header = ("blob " + meta.size() + "\0").getBytes(StandardCharsets.US_ASCII);
        } else {
            return;
        }
        String actual = digest(download, algorithm, header);
        if (!actual.equals(etag)) {
            HubHttp.delete(download);
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, repo + " " + file + ": the download is corrupt: its "
                    + (header.length == 0 ? "sha256" : "git blob sha1") + " is " + actual + ", the hub announced "
                    + etag + "; the download was deleted, run again");
        }
    }

    private static String digest(Path file, String algorithm, byte[] header) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new VlmException(ErrorCode.INTERNAL_ERROR, algorithm + " is not available in this JVM", e);
        }
        md.update(header);
        byte[] buffer = new byte[HASH_BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw HubCache.cannot("read", file, e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw HubCache.cannot("read the size of", file, e);
        }
    }

    /** The HTTP side, made on first use so that an offline client never creates one. */
    private HubHttp http() {
        HubHttp h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    h = new HubHttp(settings);
                    http = h;
                }
            }
        }
        return h;
    }
}
