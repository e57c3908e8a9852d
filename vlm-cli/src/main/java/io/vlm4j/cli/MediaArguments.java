package io.vlm4j.cli;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Content;
import io.vlm4j.media.MediaSource;
import io.vlm4j.processing.MediaKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** The media a user names on the command line: a file, or an {@code http(s)} URL. Stateless. */
final class MediaArguments {
    private MediaArguments() {}

    /**
     * The source {@code value} names: an {@code http(s)} URL, else a path.
     *
     * @param option the option or command it was given to, for messages ({@code --video})
     * @throws VlmException (usage) if it looks like a URL but is not a valid one, or is not a valid path
     */
    static MediaSource source(String option, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            try {
                return MediaSource.of(new URI(value));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new VlmException(ErrorCode.INVALID_ARGUMENT, option + ": not a valid URL: " + value, e);
            }
        }
        try {
            return MediaSource.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, option + ": not a valid path: " + value, e);
        }
    }

    /**
     * An image or video item of the file or URL {@code value} names, checked to exist if it is a file.
     *
     * @throws VlmException ({@link ErrorCode#NOT_FOUND}) naming the option and path if there is no such file
     */
    static Content item(MediaKind kind, String option, String value) {
        MediaSource source = source(option, value);
        if (source instanceof MediaSource.File && !Files.isRegularFile(((MediaSource.File) source).path())) {
            throw new VlmException(ErrorCode.NOT_FOUND, option + " " + value + ": no such file");
        }
        return kind == MediaKind.IMAGE ? Content.image(source) : Content.video(source, null);
    }
}
