package io.vlm4j.cli;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Message;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.runtime.hub.ConsoleProgress;
import io.vlm4j.runtime.hub.HubClient;
import io.vlm4j.runtime.hub.ModelLocator;
import io.vlm4j.runtime.hub.ProgressListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code vlm run} and {@code vlm chat} share: the model (a checkpoint folder or a hub id), where and how it
 * runs, how videos are sampled, the system message and {@code --quiet}. A picocli mixin.
 */
final class PipelineOptions {
    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A checkpoint folder, or a hub repo id org/name[@revision] (downloaded into the"
                    + " HuggingFace cache, or found there).")
    String model;

    @Mixin
    ModelOptions engine;

    @Mixin
    FrameSamplingOptions frames;

    @Option(names = "--system", paramLabel = "TEXT", description = "A system message before the user's.")
    String system;

    @Option(names = {"-q", "--quiet"}, description = "Nothing on stderr but errors (no progress, no timings).")
    boolean quiet;

    /**
     * The pipeline of {@code --model}: a hub id resolved through a hub client of {@code vlm}'s environment
     * (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE, HF_HOME, HF_HUB_CACHE), with a progress bar per downloaded file on
     * {@code err} unless quiet.
     */
    VlmPipeline load(VlmCommand vlm, PrintWriter err) {
        ProgressListener progress = quiet ? ProgressListener.SILENT
                : new ConsoleProgress(err, vlm.stderrIsTerminal());
        ModelLocator locator = new ModelLocator(HubClient.fromEnvironment(vlm.environment()));
        return VlmPipeline.fromPretrained(model, engine.options(frames.sampling()), locator, progress);
    }

    /** The messages of one request: the system message if given, then one user message of these items. */
    List<Message> messages(List<Content> userContent) {
        List<Message> messages = new ArrayList<>();
        if (system != null) {
            messages.add(Message.system(system));
        }
        messages.add(new Message("user", userContent));
        return messages;
    }
}
