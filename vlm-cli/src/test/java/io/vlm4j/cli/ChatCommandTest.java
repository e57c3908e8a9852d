package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.runtime.Options;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ModelCase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code vlm chat} through {@link Main#execute} with scripted stdin: answers on stdout as the library answers the
 * same conversations (the first as HF's golden text), commands, and errors that do not end the chat.
 */
class ChatCommandTest {
    private static final ModelCase VIDEO_CAT = ModelCase.of(GoldenData.golden().resolve("llava_onevision/video_cat"));
    private static final Path CAT_PAN = GoldenData.golden().resolve("videos/cat_pan.mp4");
    private static final String Q1 = "Describe what is happening in this video.";
    private static final String Q2 = "Why is it funny?";
    private static final GenerationConfig GREEDY = GenerationConfig.greedy(12);
    private static final String NL = System.lineSeparator();

    private static VlmPipeline vlm;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void load() {
        vlm = VlmPipeline.fromPretrained(VIDEO_CAT.model().toString(),
                Options.builder().backend("djl").threads(1).build());
    }

    @AfterAll
    static void close() {
        vlm.close();
    }

    private int chat(String stdin, String... options) {
        List<String> args = new ArrayList<>(List.of("chat", "--model", VIDEO_CAT.model().toString(), "--greedy",
                "--max-new-tokens", "12", "--threads", "1"));
        args.addAll(List.of(options));
        if (!args.contains("--backend")) {
            args.addAll(List.of("--backend", "djl"));
        }
        return Main.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err), Map.of(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aScriptedChatAnswersEachTurnAsTheLibraryAnswersItsConversation() {
        String first = VIDEO_CAT.text();
        Conversation two = Conversation.of(Message.user(Content.video(CAT_PAN), Content.text(Q1)),
                Message.assistant(first), Message.user(Q2));
        String second = vlm.generate(two, GREEDY).text();
        String afterReset = vlm.generate(Conversation.of(Message.user(Q1)), GREEDY).text();

        int code = chat("/video " + CAT_PAN + "\n" + Q1 + "\n" + Q2 + "\n/reset\n" + Q1 + "\n/exit\n" + Q2 + "\n");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo(first + NL + second + NL + afterReset + NL);
    }

    @Test
    void theEndOfInputEndsTheChat() {
        assertThat(chat("/video " + CAT_PAN + "\n" + Q1)).as("stderr: %s", err).isZero();

        assertThat(out.toString()).isEqualTo(VIDEO_CAT.text() + NL);
    }

    @Test
    void thePromptMarkerAndTimingsGoToStderrAndQuietSilencesThem() {
        chat("/video " + CAT_PAN + "\n" + Q1 + "\n");
        assertThat(err.toString()).startsWith("> ").contains("prompt tokens");
        assertThat(out.toString()).doesNotContain("> ");

        err.getBuffer().setLength(0);
        chat("/video " + CAT_PAN + "\n" + Q1 + "\n", "--quiet");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsReportedAndTheChatGoesOn() {
        int code = chat("/video no-such-video.mp4\n/video " + CAT_PAN + "\n" + Q1 + "\n", "--quiet");

        assertThat(code).isZero();
        assertThat(err.toString()).contains("/video no-such-video.mp4: no such file");
        assertThat(out.toString()).as("the missing file was not attached").isEqualTo(VIDEO_CAT.text() + NL);
    }

    @Test
    void anUnknownCommandIsReportedAndTheChatGoesOn() {
        int code = chat("/vidoe cat.mp4\n/exit\n", "--quiet");

        assertThat(code).isZero();
        assertThat(err.toString()).contains("unknown command /vidoe").contains("/video PATH");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPlaceholderWithoutItsMediumIsReportedAndTheChatGoesOn() {
        int code = chat("What is <image>?\n/video " + CAT_PAN + "\n" + Q1 + "\n", "--quiet");

        assertThat(code).isZero();
        assertThat(err.toString()).contains("<image> placeholder");
        assertThat(out.toString()).isEqualTo(VIDEO_CAT.text() + NL);
    }

    @Test
    void anUninstalledBackendIsUnavailable() {
        int code = chat("", "--backend", "tpu");

        assertThat(code).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("backend 'tpu' is not installed");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(chat("", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: vlm chat").contains("/video PATH").contains("/reset")
                .contains("/exit").contains("--system=TEXT");
    }
}
