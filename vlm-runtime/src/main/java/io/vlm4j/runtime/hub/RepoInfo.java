package io.vlm4j.runtime.hub;

import io.vlm4j.ConfigException;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The answer of {@code GET /api/models/{repo}/revision/{revision}?blobs=true}: the commit the revision points
 * to ({@code sha}) and the repository's files ({@code siblings}). Immutable.
 */
record RepoInfo(String sha, Map<String, Sibling> siblings) {
    static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /**
     * One file of the listing, as huggingface_hub's {@code RepoSibling}.
     *
     * @param rfilename its path in the repository
     * @param blobId its git object id, if the listing has it
     * @param lfsSha256 the sha256 of an LFS file's content, if it is one
     */
    record Sibling(String rfilename, Optional<String> blobId, Optional<String> lfsSha256) {}

    RepoInfo {
        siblings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(siblings));
    }

    Set<String> fileNames() {
        return siblings.keySet();
    }

    /**
     * Parses the API's JSON.
     *
     * @throws VlmException {@link ErrorCode#REMOTE_UNAVAILABLE} if it is not a model info with a commit and files
     */
    static RepoInfo parse(String json, String source) {
        try {
            ConfigNode root = ConfigNode.parse(json, source);
            ConfigNode sha = root.get("sha");
            if (!sha.isString() || !COMMIT.matcher(sha.asString()).matches()) {
                throw sha.error("a 40-hex commit");
            }
            ConfigNode list = root.get("siblings");
            if (!list.isArray()) {
                throw list.error("the list of the repository's files");
            }
            List<Sibling> siblings = new ArrayList<>();
            for (ConfigNode s : list.elements()) {
                ConfigNode name = s.get("rfilename");
                if (!name.isString() || name.asString().isEmpty()) {
                    throw name.error("a file name");
                }
                ConfigNode lfs = s.get("lfs");
                siblings.add(new Sibling(name.asString(), s.optString("blobId"),
                        lfs.isObject() ? lfs.optString("sha256") : Optional.empty()));
            }
            Map<String, Sibling> byName = new LinkedHashMap<>();
            siblings.forEach(s -> byName.put(s.rfilename(), s));
            return new RepoInfo(sha.asString(), byName);
        } catch (ConfigException e) {
            throw new VlmException(ErrorCode.REMOTE_UNAVAILABLE,
                    "unexpected answer from the hub: " + e.getMessage(), e);
        }
    }
}
