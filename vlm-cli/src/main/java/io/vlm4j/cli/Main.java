package io.vlm4j.cli;

import io.vlm4j.VlmException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point of {@code vlm}: runs the command line and maps every failure to one exit code
 * ({@link ExitCodes}). Results go to stdout, logs and errors to stderr.
 */
public final class Main {
    private Main() {}

    /** slf4j-simple's level property, read once when the first logger is made. */
    private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    /** slf4j-simple's prefix of a logger's own level property. */
    private static final String LOG_PREFIX = "org.slf4j.simpleLogger.log.";

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    public static void main(String[] args) {
        boolean quiet = Arrays.stream(args).anyMatch(a -> a.equals("--quiet") || a.equals("-q"));
        if (quiet) {
            // --quiet leaves only errors on stderr, the engines' own log lines included; nothing has logged yet
            setIfAbsent(LOG_LEVEL, "error");
        }
        // DJL's INFO lines (platform found, thread counts) are not the user's business, and on a machine without
        // a GPU its CUDA probe warns about drivers at every start (asking for cuda without one fails with an
        // error of its own, naming why)
        setIfAbsent(LOG_PREFIX + "ai.djl", quiet ? "error" : "warn");
        setIfAbsent(LOG_PREFIX + "ai.djl.util.cuda.CudaUtils", "error");
        // UTF-8 whatever the platform's default: results (prompts, JSON) must come out byte for byte
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        System.exit(execute(args, out, err));
    }

    /** Runs {@code vlm args} with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, System.getenv());
    }

    /** Runs {@code vlm args} with the given streams and environment variables, and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return execute(args, out, err, environment, System.in);
    }

    /**
     * Runs {@code vlm args} with the given streams, environment variables and stdin ({@code vlm chat} reads its
     * turns there), and returns the exit code.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment,
            InputStream input) {
        CommandLine cli = commandLine(environment, input);
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The configured command line of {@code vlm} in this process's environment. */
    static CommandLine commandLine() {
        return commandLine(System.getenv(), System.in);
    }

    /** The configured command line of {@code vlm} in the given environment, reading {@code input} as stdin. */
    static CommandLine commandLine(Map<String, String> environment, InputStream input) {
        CommandLine cli = new CommandLine(new VlmCommand(environment, input));
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("vlm: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof VlmException) {
                cmd.getErr().println("vlm: " + e.getMessage());
            } else {
                cmd.getErr().println("vlm: internal error: " + e);
                e.printStackTrace(cmd.getErr());
            }
            return exitCode(e);
        });
        return cli;
    }

    private static int exitCode(Throwable e) {
        if (e instanceof VlmException) {
            return ExitCodes.of(((VlmException) e).kind());
        }
        if (e instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }
}
