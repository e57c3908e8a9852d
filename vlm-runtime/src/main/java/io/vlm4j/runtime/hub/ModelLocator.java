package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Turns the model a user names into a local checkpoint folder: an existing folder is used as it is; anything
 * else is a hub id {@code org/name[@revision]}, whose snapshot the {@link HubClient} provides (downloaded, or
 * from the cache). Thread-safe.
 */
public final class ModelLocator {
    private final HubClient hub;

    public ModelLocator(HubClient hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /** A locator over a hub client configured by this process's environment. */
    public static ModelLocator fromEnvironment() {
        return new ModelLocator(HubClient.fromEnvironment());
    }

    /** The folder of {@code modelArgument}, with the safetensors weights, silently. */
    public Path resolve(String modelArgument) {
        return resolve(modelArgument, FileSelection.safetensors(), ProgressListener.SILENT);
    }

    /**
     * The folder of {@code modelArgument}: itself if it is an existing folder, else the snapshot of the hub id.
     *
     * @throws VlmException {@link ErrorCode#NOT_FOUND} if it is neither an existing folder nor a hub id (or the
     *     hub has no such repository); the errors of {@link HubClient#snapshot(RepoId, FileSelection,
     *     ProgressListener)}
     */
    public Path resolve(String modelArgument, FileSelection selection, ProgressListener listener) {
        Objects.requireNonNull(modelArgument, "modelArgument");
        Path folder = asFolder(modelArgument);
        if (folder != null) {
            return folder;
        }
        int at = modelArgument.indexOf('@');
        String id = at < 0 ? modelArgument : modelArgument.substring(0, at);
        if (!RepoId.isValidId(id)) {
            throw new VlmException(ErrorCode.NOT_FOUND, "'" + modelArgument + "' is neither an existing folder nor"
                    + " a hub repo id: expected a checkpoint folder or org/name[@revision]");
        }
        return hub.snapshot(RepoId.parse(modelArgument), selection, listener);
    }

    private static Path asFolder(String argument) {
        try {
            Path path = Path.of(argument);
            return Files.isDirectory(path) ? path : null;
        } catch (InvalidPathException e) {
            return null; // not a path on this system, so it can only be a hub id
        }
    }
}
