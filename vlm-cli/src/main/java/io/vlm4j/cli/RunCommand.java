package io.vlm4j.cli;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.runtime.VlmPipeline;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vlm run}: one question about videos and images, answered by a model — the main job. The conversation is
 * the optional system message, then one user message: the media in command-line order (videos and images
 * interleaved as given), then the prompt. The answer streams to stdout as it is generated, then a newline;
 * progress and timings go to stderr ({@code --quiet} leaves only errors there). Without {@code --greedy} or
 * {@code --temperature} the checkpoint's generation config decides, as HF's {@code generate()}.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = "Ask a model about videos and images; the answer streams to stdout.",
        footer = {"", "MODEL is a checkpoint folder or a hub repo id org/name[@revision]. Media are files or http(s)"
                + " URLs, kept in the order given. Without --greedy or --temperature the checkpoint's generation"
                + " config decides.",
            "Environment: HF_ENDPOINT, HF_TOKEN, HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE=1 (use the cache only).",
            "Exit codes: 0 ok, 2 bad usage, 3 bad input (missing or undecodable media, bad checkpoint), 4 unavailable"
                + " (backend, model type, hub), 5 internal."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    VlmCommand vlm;

    @Mixin
    PipelineOptions pipeline;

    /** The --video and --image values in command-line order. */
    private final List<MediaArgument> media = new ArrayList<>();

    @Option(names = "--video", paramLabel = "PATH|URL", description = "A video to ask about (repeatable).")
    void video(List<String> values) {
        record(MediaKind.VIDEO, values);
    }

    @Option(names = "--image", paramLabel = "PATH|URL", description = "An image to ask about (repeatable).")
    void image(List<String> values) {
        record(MediaKind.IMAGE, values);
    }

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The question.")
    String prompt;

    @Mixin
    GenerationOptions generation;

    @ArgGroup(exclusive = true)
    GenerationOptions.Decoding decoding;

    /** picocli calls a repeatable option's setter at each occurrence with every value so far: the last is new. */
    private void record(MediaKind kind, List<String> values) {
        if (!values.isEmpty()) {
            media.add(new MediaArgument(kind, values.get(values.size() - 1)));
        }
    }

    @Override
    public Integer call() {
        List<Content> content = new ArrayList<>();
        for (MediaArgument m : media) {
            content.add(MediaArguments.item(m.kind(), "--" + m.kind().word(), m.value()));
        }
        content.add(Content.text(prompt));
        Conversation conversation = Conversation.of(pipeline.messages(content));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (VlmPipeline vlm = pipeline.load(this.vlm, err)) {
            GenerationConfig config = generation.over(vlm.generationConfig(), decoding);
            GenerationResult result = vlm.generate(conversation, config, piece -> {
                out.print(piece);
                out.flush();
            });
            out.println();
            if (!pipeline.quiet) {
                err.println(GenerationOptions.summary(result));
            }
        }
        return ExitCodes.OK;
    }

    /** One --video or --image value. */
    private record MediaArgument(MediaKind kind, String value) {}
}
