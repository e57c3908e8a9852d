package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub cache on disk, laid out as huggingface_hub 0.26 lays it out ({@code file_download.py}):
 *
 * <pre>
 * {cache}/models--{org}--{name}/blobs/{etag}                  the content, named by its ETag
 * {cache}/models--{org}--{name}/blobs/{etag}.incomplete       a download under way (resumed from its length)
 * {cache}/models--{org}--{name}/snapshots/{commit}/{file}     a relative symlink to ../../blobs/{etag}
 * {cache}/models--{org}--{name}/refs/{revision}               the commit a branch or tag pointed to
 * {cache}/.locks/models--{org}--{name}/{etag}.lock            held while the blob downloads
 * </pre>
 *
 * <p>Every final name appears atomically (a rename of a complete temporary file or link in the same folder), so
 * a crash leaves at most an {@code .incomplete} blob or a hidden temporary. Where the file system has no
 * symlinks, snapshot files are copies (a new blob is moved there, as huggingface_hub does). Thread-safe.
 */
final class HubCache {
    private static final Logger LOG = LoggerFactory.getLogger(HubCache.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    /** Locks held by this JVM: {@link FileChannel#lock()} refuses a second lock on one file in one process. */
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path root;
    private volatile boolean symlinks;

    HubCache(Path root) {
        this(root, true);
    }

    /** A cache that uses symlinks only if {@code trySymlinks} and the file system has them. */
    HubCache(Path root, boolean trySymlinks) {
        this.root = root.toAbsolutePath().normalize();
        this.symlinks = trySymlinks;
    }

    Path root() {
        return root;
    }

    /** {@code models--org--name}. */
    Path storage(RepoId repo) {
        return root.resolve(repo.folderName());
    }

    Path snapshot(RepoId repo, String commit) {
        return storage(repo).resolve("snapshots").resolve(commit);
    }

    Path ref(RepoId repo) {
        return storage(repo).resolve("refs").resolve(repo.revision());
    }

    /**
     * Where {@code file} of a commit lies in the snapshot.
     *
     * @throws VlmException {@link ErrorCode#REMOTE_UNAVAILABLE} if the name would lead out of the snapshot
     */
    Path pointer(RepoId repo, String commit, String file) {
        Path snapshot = snapshot(repo, commit);
        Path pointer = snapshot.resolve(file).normalize();
        if (file.isEmpty() || file.startsWith("/") || file.contains("\\") || !pointer.startsWith(snapshot)
                || pointer.equals(snapshot)) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE, repo + ": the hub lists the file '" + file
                    + "', whose name leads out of the snapshot folder " + snapshot);
        }
        return pointer;
    }

    /**
     * The blob named by an ETag.
     *
     * @throws VlmException {@link ErrorCode#REMOTE_UNAVAILABLE} if the ETag is no file name
     */
    Path blob(RepoId repo, String etag) {
        if (!SAFE_NAME.matcher(etag).matches()) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE,
                    repo + ": the hub sent the ETag '" + etag + "', which cannot name a blob file");
        }
        return storage(repo).resolve("blobs").resolve(etag);
    }

    Path incomplete(Path blob) {
        return blob.resolveSibling(blob.getFileName() + ".incomplete");
    }

    /** The commit the repo's revision is known to point to: the revision itself if it is a commit, else its ref. */
    Optional<String> cachedCommit(RepoId repo) {
        if (repo.isCommit()) {
            return Optional.of(repo.revision());
        }
        Path ref = ref(repo);
        if (!Files.isRegularFile(ref)) {
            return Optional.empty();
        }
        String commit = read(ref).strip();
        return RepoInfo.COMMIT.matcher(commit).matches() ? Optional.of(commit) : Optional.empty();
    }

    /** Records that the revision points to {@code commit}, unless it is that commit or already recorded. */
    void writeRef(RepoId repo, String commit) {
        if (repo.revision().equals(commit)) {
            return;
        }
        Path ref = ref(repo);
        if (Files.isRegularFile(ref) && read(ref).equals(commit)) {
            return;
        }
        try {
            Files.createDirectories(ref.getParent());
            Path tmp = temporary(ref);
            Files.writeString(tmp, commit, StandardCharsets.UTF_8);
            Files.move(tmp, ref, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cannot("write", ref, e);
        }
    }

    /** Moves a complete download to its blob name. */
    void commitBlob(Path incomplete, Path blob) {
        try {
            Files.move(incomplete, blob, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cannot("move a download to", blob, e);
        }
    }

    /**
     * Makes {@code pointer} show {@code blob}: a relative symlink, else a copy ({@code newBlob}: the blob itself,
     * moved, as no other snapshot can refer to it yet).
     */
    void link(Path blob, Path pointer, boolean newBlob) {
        try {
            Files.createDirectories(pointer.getParent());
            Path tmp = temporary(pointer);
            if (symlinks && symlink(tmp, pointer.getParent().relativize(blob))) {
                Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
            if (newBlob) {
                Files.move(blob, tmp, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.copy(blob, tmp);
            }
            Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw cannot("create", pointer, e);
        }
    }

    /** Makes a symlink, or says the file system has none (and remembers it, as huggingface_hub does per folder). */
    private boolean symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (e instanceof FileAlreadyExistsException) {
                throw (FileAlreadyExistsException) e;
            }
            symlinks = false;
            LOG.warn("the hub cache {} cannot hold symlinks ({}); snapshot files are copies of the blobs", root,
                    e.toString());
            return false;
        }
    }

    /**
     * Holds the download lock of a blob, as huggingface_hub's {@code .locks/…/{etag}.lock}: a file lock between
     * processes, and a lock between the threads of this one. Closing it releases both.
     */
    Lock lock(RepoId repo, String etag) {
        Path file = root.resolve(".locks").resolve(repo.folderName()).resolve(etag + ".lock");
        ReentrantLock inJvm = JVM_LOCKS.computeIfAbsent(file, f -> new ReentrantLock());
        inJvm.lock();
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Lock(file, channel, channel.lock(), inJvm);
        } catch (IOException | RuntimeException e) {
            inJvm.unlock();
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e instanceof IOException ? cannot("lock", file, (IOException) e) : (RuntimeException) e;
        }
    }

    /** A held blob lock. */
    static final class Lock implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;
        private final ReentrantLock inJvm;

        private Lock(Path file, FileChannel channel, FileLock lock, ReentrantLock inJvm) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.inJvm = inJvm;
        }

        @Override
        public void close() {
            try {
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            } catch (IOException e) {
                throw cannot("unlock", file, e);
            } finally {
                inJvm.unlock();
            }
        }
    }

    private static Path temporary(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannot("read", file, e);
        }
    }

    static VlmException cannot(String what, Path file, IOException e) {
        return new VlmException(ErrorCode.REMOTE_UNAVAILABLE,
                "hub cache: cannot " + what + " " + file + ": " + e, e);
    }
}
