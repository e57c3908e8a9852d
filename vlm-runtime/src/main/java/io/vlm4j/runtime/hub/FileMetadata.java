package io.vlm4j.runtime.hub;

import java.net.URI;

/**
 * What a {@code HEAD /{repo}/resolve/{revision}/{file}} says of a file, as huggingface_hub's
 * {@code HfFileMetadata}: the commit ({@code X-Repo-Commit}), the blob name ({@code X-Linked-Etag}, else
 * {@code ETag}, without {@code W/} and quotes: a sha256 for LFS files, a git sha1 for others), the size
 * ({@code X-Linked-Size}, else {@code Content-Length}) and where to download it (the CDN a 3xx points to, else
 * the resolve URL). Immutable.
 */
record FileMetadata(String commit, String etag, long size, URI location) {}
