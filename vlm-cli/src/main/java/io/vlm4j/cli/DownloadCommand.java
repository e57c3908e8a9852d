package io.vlm4j.cli;

import io.vlm4j.runtime.hub.ConsoleProgress;
import io.vlm4j.runtime.hub.FileSelection;
import io.vlm4j.runtime.hub.HubClient;
import io.vlm4j.runtime.hub.ProgressListener;
import io.vlm4j.runtime.hub.RepoId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vlm download MODEL [--include GLOB]… [--backend djl|onnx] [--quiet]}: fetches a model from the
 * HuggingFace hub into the HuggingFace cache (shared with Python's huggingface_hub) and prints its snapshot
 * folder on stdout; nothing else. Progress goes to stderr.
 */
@Command(name = "download",
        description = {"Download a model from the HuggingFace hub into the HuggingFace cache and print its snapshot"
                + " folder.",
            "Fetches config, tokenizer and processor files and the weights the backend reads (safetensors for djl;"
                + " the onnx/ graphs, else safetensors, for onnx), plus files matching --include. Files already in"
                + " the cache are not fetched again; an interrupted download resumes."},
        footer = {"", "Environment: HF_ENDPOINT, HF_TOKEN (gated or private repos), HF_HOME, HF_HUB_CACHE,"
                + " HF_HUB_OFFLINE=1 (use the cache only).",
            "Exit codes: 0 ok, 2 bad usage, 3 bad model id or not found on the hub, 4 hub unreachable, refused (401)"
                + " or, offline, not cached."},
        mixinStandardHelpOptions = true)
final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    VlmCommand vlm;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A hub repo id: org/name[@revision] (a branch,"
            + " tag or commit; main by default).")
    String model;

    @Option(names = "--include", paramLabel = "GLOB", description = "Also fetch the files matching GLOB (as"
            + " huggingface-cli download --include: * also matches /). Repeatable.")
    List<String> includes = new ArrayList<>();

    private String backend = "djl";

    @Option(names = {"-q", "--quiet"}, description = "Show no progress.")
    boolean quiet;

    @Option(names = "--backend", paramLabel = "djl|onnx", description = "The backend whose weights to fetch"
            + " (default: ${DEFAULT-VALUE}).", defaultValue = "djl")
    void backend(String value) {
        if (!value.equals("djl") && !value.equals("onnx")) {
            throw new ParameterException(spec.commandLine(),
                    "--backend: expected djl or onnx, got '" + value + "'");
        }
        backend = value;
    }

    @Override
    public Integer call() {
        RepoId repo = RepoId.parse(model);
        FileSelection selection = FileSelection.forBackend(backend).include(includes);
        ProgressListener progress = quiet ? ProgressListener.SILENT
                : new ConsoleProgress(spec.commandLine().getErr(), vlm.stderrIsTerminal());
        Path snapshot = HubClient.fromEnvironment(vlm.environment()).snapshot(repo, selection, progress);
        spec.commandLine().getOut().println(snapshot);
        return ExitCodes.OK;
    }
}
