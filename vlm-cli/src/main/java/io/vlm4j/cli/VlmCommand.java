package io.vlm4j.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
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
        subcommands = {RunCommand.class, ChatCommand.class, DownloadCommand.class, FramesCommand.class,
                GenerateCommand.class, ProcessCommand.class, TemplateCommand.class})
public final class VlmCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final InputStream input;

    /** The command in this process's environment, reading {@code System.in}. */
    public VlmCommand() {
        this(System.getenv(), System.in);
    }

    /**
     * The command in the given environment variables, reading {@code input} where it reads stdin (tests run it
     * without touching the process's).
     */
    VlmCommand(Map<String, String> environment, InputStream input) {
        this.environment = Map.copyOf(environment);
        this.input = Objects.requireNonNull(input, "input");
    }

    /** The environment variables the subcommands read (HF_ENDPOINT, HF_TOKEN, …). */
    Map<String, String> environment() {
        return environment;
    }

    /** What the subcommands read as stdin ({@code vlm chat}'s turns). */
    InputStream input() {
        return input;
    }

    /** Whether stderr is an interactive terminal (progress bars redraw in place); picocli's streams in tests are not. */
    boolean stderrIsTerminal() {
        return System.console() != null && !"dumb".equals(environment.get("TERM"));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
