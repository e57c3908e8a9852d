package io.vlm4j.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vlm}: the top-level command; the work is done by its subcommands.
 */
@Command(name = "vlm",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Ask video language models (LLaVA-Interleave, LLaVA-OneVision, LLaVA-NeXT-Video, Video-LLaVA) "
                + "about videos and images, computing what HuggingFace transformers computes.",
        footer = {"", "Exit codes: 0 ok, 2 bad usage, 3 bad input, 4 unavailable (model, backend, hub), 5 internal."},
        subcommands = {DownloadCommand.class, FramesCommand.class, GenerateCommand.class, ProcessCommand.class,
                TemplateCommand.class})
public final class VlmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    /** The command in this process's environment. */
    public VlmCommand() {
        this(System.getenv());
    }

    /** The command in the given environment variables (tests run it without touching the process's). */
    VlmCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment variables the subcommands read (HF_ENDPOINT, HF_TOKEN, …). */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
