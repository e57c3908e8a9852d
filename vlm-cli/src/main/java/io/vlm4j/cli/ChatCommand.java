package io.vlm4j.cli;

import io.vlm4j.ErrorCode;
import io.vlm4j.ErrorKind;
import io.vlm4j.VlmException;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.processing.MediaKind;
import io.vlm4j.runtime.ChatSession;
import io.vlm4j.runtime.VlmPipeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vlm chat}: an interactive multi-turn chat over stdin ({@link ChatSession}: each medium's vision features
 * are computed once, the first turn that holds it). Each line is a user turn, answered on stdout (streamed, then a
 * newline); {@code /video PATH} and {@code /image PATH} attach media to the next turn, {@code /reset} forgets the
 * history and media, {@code /exit} or the end of input ends. The prompt marker and timings go to stderr. A turn
 * that fails on its input (a missing file, media that do not fit) is reported on stderr and the chat goes on.
 */
@Command(name = "chat",
        mixinStandardHelpOptions = true,
        description = "Chat with a model about videos and images: each stdin line is a turn, answered on stdout.",
        footer = {"", "Commands: /video PATH|URL, /image PATH|URL (attach to the next turn), /reset (forget the"
                + " history and media), /exit (or end of input).",
            "MODEL is a checkpoint folder or a hub repo id org/name[@revision]. Without --greedy or --temperature"
                + " the checkpoint's generation config decides.",
            "Environment: HF_ENDPOINT, HF_TOKEN, HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE=1 (use the cache only).",
            "Exit codes: 0 ok (input errors in a turn are reported and the chat goes on), 2 bad usage, 3 bad input"
                + " (checkpoint), 4 unavailable (backend, model type, hub), 5 internal."})
final class ChatCommand implements Callable<Integer> {
    private static final String PROMPT_MARKER = "> ";

    @Spec
    CommandSpec spec;

    @ParentCommand
    VlmCommand vlm;

    @Mixin
    PipelineOptions pipeline;

    @Mixin
    GenerationOptions generation;

    @ArgGroup(exclusive = true)
    GenerationOptions.Decoding decoding;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BufferedReader in = new BufferedReader(new InputStreamReader(vlm.input(), StandardCharsets.UTF_8));
        try (VlmPipeline model = pipeline.load(vlm, err); ChatSession chat = ChatSession.of(model)) {
            chat.system(pipeline.system);
            GenerationConfig config = generation.over(model.generationConfig(), decoding);
            while (true) {
                if (!pipeline.quiet) {
                    err.print(PROMPT_MARKER);
                    err.flush();
                }
                String line = readLine(in);
                if (line == null || line.strip().equals("/exit")) {
                    break;
                }
                try {
                    turn(chat, line.strip(), config, out, err);
                } catch (VlmException e) {
                    if (e.kind() != ErrorKind.INPUT && e.kind() != ErrorKind.USAGE) {
                        throw e;
                    }
                    err.println("vlm: " + e.getMessage());
                }
            }
        }
        return ExitCodes.OK;
    }

    /** One line: a command, or a question answered on {@code out}. */
    private void turn(ChatSession chat, String line, GenerationConfig config, PrintWriter out, PrintWriter err) {
        if (line.isEmpty()) {
            return;
        }
        if (line.equals("/reset")) {
            chat.reset();
            return;
        }
        for (MediaKind kind : MediaKind.values()) {
            String command = "/" + kind.word();
            if (line.equals(command) || line.startsWith(command + " ")) {
                String value = line.substring(command.length()).strip();
                if (value.isEmpty()) {
                    throw new VlmException(ErrorCode.INVALID_ARGUMENT, command + ": expected PATH|URL");
                }
                chat.attach(MediaArguments.item(kind, command, value));
                return;
            }
        }
        if (line.startsWith("/")) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, "unknown command " + line.split(" ", 2)[0]
                    + ": expected /video PATH, /image PATH, /reset or /exit");
        }
        GenerationResult result = chat.ask(line, config, piece -> {
            out.print(piece);
            out.flush();
        });
        out.println();
        out.flush();
        if (!pipeline.quiet) {
            err.println(GenerationOptions.summary(result));
        }
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new VlmException(ErrorCode.NOT_FOUND, "cannot read stdin: " + e.getMessage(), e);
        }
    }
}
