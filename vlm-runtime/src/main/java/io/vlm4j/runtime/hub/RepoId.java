package io.vlm4j.runtime.hub;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.util.regex.Pattern;

/**
 * A model repository on the hub and a revision of it: {@code org/name[@revision]}.
 *
 * <p>The id follows huggingface_hub's {@code validate_repo_id}: {@code name} or {@code namespace/name}, ASCII
 * letters, digits, {@code -}, {@code _} and {@code .}, neither starting nor ending with {@code -} or {@code .},
 * no {@code --} or {@code ..}, not ending in {@code .git}, the name at most 96 characters. The revision is a
 * branch, a tag or a 40-hex commit ({@code main} when absent); it names a folder under {@code refs/}, so it may
 * not climb out of it. Immutable.
 *
 * @param id the repository id, {@code org/name}
 * @param revision the branch, tag or commit
 */
public record RepoId(String id, String revision) {
    /** The revision used when none is given, as huggingface_hub's {@code DEFAULT_REVISION}. */
    public static final String DEFAULT_REVISION = "main";

    private static final String SEGMENT = "[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?";
    private static final Pattern ID = Pattern.compile("(?:" + SEGMENT + "/)?" + SEGMENT);
    private static final int MAX_NAME_LENGTH = 96;
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final String EXPECTED = "expected a hub repo id org/name[@revision]";

    public RepoId {
        if (id == null || !isValidId(id)) {
            throw new VlmException(ErrorCode.NOT_FOUND, "'" + id + "' is not a hub repo id: " + EXPECTED
                    + " (letters, digits, '-', '_', '.'; no '--' or '..')");
        }
        if (revision == null || revision.isEmpty() || !isValidRevision(revision)) {
            throw new VlmException(ErrorCode.NOT_FOUND, "'" + revision + "' is not a revision of " + id
                    + ": expected a branch, a tag or a 40-hex commit");
        }
    }

    /** The repository {@code id} at {@link #DEFAULT_REVISION}. */
    public static RepoId of(String id) {
        return new RepoId(id, DEFAULT_REVISION);
    }

    /**
     * Parses {@code org/name} or {@code org/name@revision}.
     *
     * @throws VlmException {@link ErrorCode#NOT_FOUND} if it is not one
     */
    public static RepoId parse(String text) {
        if (text == null) {
            throw new VlmException(ErrorCode.NOT_FOUND, "no model given: " + EXPECTED);
        }
        int at = text.indexOf('@');
        return at < 0 ? of(text) : new RepoId(text.substring(0, at), text.substring(at + 1));
    }

    /** Whether {@code text} has the form of a repo id (without a revision). */
    static boolean isValidId(String text) {
        if (!ID.matcher(text).matches() || text.contains("--") || text.contains("..") || text.endsWith(".git")) {
            return false;
        }
        return text.length() - text.indexOf('/') - 1 <= MAX_NAME_LENGTH;
    }

    private static boolean isValidRevision(String revision) {
        if (revision.startsWith("/") || revision.endsWith("/") || revision.contains("\\")
                || revision.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        for (String segment : revision.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Whether the revision is a full commit hash (then no ref is kept for it). */
    public boolean isCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** The folder of this repository in the cache: {@code models--org--name}. */
    public String folderName() {
        return "models--" + id.replace("/", "--");
    }

    @Override
    public String toString() {
        return id + "@" + revision;
    }
}
