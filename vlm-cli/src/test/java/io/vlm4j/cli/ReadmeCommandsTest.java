package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.runtime.hub.LoopbackHub;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the README runs, so that none can rot: the lines {@code .ci/run} runs are left to it, and this
 * test runs every other {@code ./vlm …} line of the README's code blocks through {@link Main#execute}, in README
 * order, as a shell in the repository's root would — paths under the root resolve against it, output files land
 * in a temporary folder, {@code NAME=value} prefixes become environment variables, stdin is {@code /exit}. The
 * hub ids the README names are served by a hub on loopback holding the golden OneVision checkpoint (the real
 * model cannot be downloaded here), into a fresh HuggingFace cache.
 */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String HUB_MODEL = "llava-hf/llava-onevision-qwen2-0.5b-ov-hf";
    /** Options whose value is a file the command writes. */
    private static final Set<String> OUTPUT_OPTIONS = Set.of("--out", "--prompt-out", "--logits-out");

    @TempDir
    Path temp;

    @Test
    void theCiScriptRunsTheReadmesTestCommand() throws IOException {
        assertThat(readmeCommands()).contains("./mvnw -B verify");
        assertThat(ciCommands()).contains("./mvnw -B verify");
    }

    @Test
    void everyReadmeCommandIsAVlmCommandOrRunByTheCiScript() throws IOException {
        List<String> ci = ciCommands();
        for (String line : readmeCommands()) {
            assertThat(ci.contains(line) || isVlmCommand(line))
                    .as("README command %s is run by .ci/run or by this test", line).isTrue();
        }
    }

    @Test
    void theReadmeShowsEverySubcommandAtWork() throws IOException {
        List<String> shown = List.of("./vlm chat", "./vlm download", "./vlm frames", "./vlm generate",
                "./vlm process", "./vlm run", "./vlm template");
        assertThat(shown).as("one example per subcommand of vlm").containsExactlyInAnyOrderElementsOf(
                Main.commandLine().getSubcommands().keySet().stream().map(name -> "./vlm " + name)
                        .collect(Collectors.toList()));
        for (String command : shown) {
            assertThat(readmeCommands()).as("README examples").anyMatch(line -> line.startsWith(command + " ")
                    || line.matches("([A-Z_]+=\\S+ )+" + Pattern.quote(command) + " .*"));
        }
    }

    @Test
    void everyReadmeVlmCommandNotInTheCiScriptSucceeds() throws IOException {
        List<String> ci = ciCommands();
        List<String> commands = readmeCommands().stream().filter(c -> isVlmCommand(c) && !ci.contains(c))
                .collect(Collectors.toList());
        assertThat(commands).as("the README's commands for this test").hasSizeGreaterThan(5);
        try (LoopbackHub hub = GoldenHub.serving(HUB_MODEL)) {
            Map<String, String> baseEnv = GoldenHub.environment(hub, temp);
            for (String line : commands) {
                List<String> words = shellWords(line);
                Map<String, String> env = new HashMap<>(baseEnv);
                while (words.get(0).matches("[A-Z_]+=.*")) {
                    String assignment = words.remove(0);
                    env.put(assignment.substring(0, assignment.indexOf('=')),
                            assignment.substring(assignment.indexOf('=') + 1));
                }
                assertThat(words.remove(0)).isEqualTo("./vlm");
                String[] args = arguments(words);
                int requestsBefore = hub.requests().size();
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();

                int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), env,
                        new ByteArrayInputStream("/exit\n".getBytes(StandardCharsets.UTF_8)));

                assertThat(code).as("exit code of %s%nstderr: %s", line, err).isZero();
                if (!words.get(0).equals("chat")) {
                    assertThat(out.toString()).as("stdout of %s", line).isNotBlank();
                }
                if ("1".equals(env.get("HF_HUB_OFFLINE"))) {
                    assertThat(hub.requests().subList(requestsBefore, hub.requests().size()))
                            .as("requests to the hub by %s", line).isEmpty();
                }
            }
        }
    }

    private static boolean isVlmCommand(String line) {
        return line.startsWith("./vlm ") || line.matches("([A-Z_]+=\\S+ )+\\./vlm .*");
    }

    /** The arguments as a shell in the repository's root passes them: paths resolved, output files in temp. */
    private String[] arguments(List<String> words) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i > 0 && OUTPUT_OPTIONS.contains(words.get(i - 1))) {
                args.add(temp.resolve(word).toString());
            } else if (!word.startsWith("-") && word.contains("/") && Files.exists(ROOT.resolve(word))) {
                args.add(ROOT.resolve(word).toString());
            } else {
                args.add(word);
            }
        }
        return args.toArray(new String[0]);
    }

    /** The lines of the README's plain code blocks (not {@code ```java}). */
    private static List<String> readmeCommands() throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        boolean plain = false;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                plain = inBlock && line.equals("```");
            } else if (inBlock && plain && !line.isBlank()) {
                commands.add(line.strip());
            }
        }
        return commands;
    }

    /** The command lines of {@code .ci/run} (no comments, no shell keywords). */
    private static List<String> ciCommands() throws IOException {
        return Files.readAllLines(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
    }

    /** A command line split into words as a POSIX shell does for plain words and double-quoted strings. */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        assertThat(quoted).as("balanced quotes in %s", line).isFalse();
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
