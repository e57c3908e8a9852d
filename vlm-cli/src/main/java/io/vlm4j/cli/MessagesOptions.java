package io.vlm4j.cli;

import io.vlm4j.chat.Conversation;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.ChatOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The request of {@code vlm process} and {@code vlm generate}: a checkpoint folder, HF chat messages in a JSON
 * file, and how their videos' frames are chosen or supplied. A picocli mixin.
 */
final class MessagesOptions {
    /** The footer line that says where the messages' media come from. */
    static final String MEDIA_FOOTER = "Media items of the messages carry a \"path\" (relative to the messages file)"
            + " or a \"url\". Each --video-frames file (tensor 'frames' uint8 [T,H,W,3], optionally 'indices' int64"
            + " [T]) supplies the decoded frames of the next video item, in message order, instead of decoding it.";

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The checkpoint folder.")
    Path model;

    @Option(names = "--messages", required = true, paramLabel = "M.json", description = "HF chat messages.")
    Path messages;

    @Mixin
    VideoFrameOptions videoFrames;

    /**
     * The messages, their relative media paths resolved against the messages file's folder.
     *
     * @throws io.vlm4j.ConfigException naming the JSON path of a malformed message
     */
    Conversation conversation() {
        return Conversation.fromJson(ConfigNode.read(messages), messages.toAbsolutePath().getParent());
    }

    /** The processor's options: the frame sampling and the supplied frames of the command line. */
    ChatOptions chatOptions() {
        return ChatOptions.defaults().withFrameSampling(videoFrames.sampling()).withVideoFrames(videoFrames.frames());
    }
}
