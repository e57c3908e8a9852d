package io.vlm4j.runtime.hub;

/**
 * Hears how the files of a snapshot arrive, e.g. to draw a progress bar. Each method has an empty default.
 *
 * <p>For one file the calls come in order ({@code fileStarted}, any number of {@code fileProgress},
 * {@code fileFinished}), possibly from a thread other than the caller's; files that are already in the cache get
 * only {@code fileFinished} with {@code downloaded = false}. Implementations must be quick and must not throw.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener SILENT = new ProgressListener() {};

    /**
     * A download begins.
     *
     * @param file the file's path in the repository
     * @param size its size in bytes
     * @param resumedFrom how many bytes an earlier, interrupted download left (0 for a fresh start)
     */
    default void fileStarted(String file, long size, long resumedFrom) {}

    /**
     * Bytes arrived.
     *
     * @param bytesDone how many bytes of the file are on disk now
     * @param size its size in bytes
     */
    default void fileProgress(String file, long bytesDone, long size) {}

    /**
     * A file is in the snapshot.
     *
     * @param downloaded whether it was downloaded now, rather than found in the cache
     */
    default void fileFinished(String file, long size, boolean downloaded) {}
}
