package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.runtime.Options;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.runtime.hub.LoopbackHub;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ModelCase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code vlm run} through {@link Main#execute}: every golden case it can express prints HF's greedy text; a hub id
 * is fetched from a hub on loopback, then found offline in the cache without a request; usage, input and
 * unavailable errors have their exit codes.
 */
class RunCommandTest {
    private static final Path GOLDEN = GoldenData.golden();
    private static final Path CAT_PAN = GOLDEN.resolve("videos/cat_pan.mp4");
    private static final Path CHELSEA = GOLDEN.resolve("images/chelsea.png");

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(List<String> args) {
        return Main.execute(args.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err), env);
    }

    private int run(String... args) {
        return run(List.of(args));
    }

    static Stream<ModelCase> cases() {
        return ModelCase.allCases().stream();
    }

    /**
     * {@code vlm run} of a golden case, or why it cannot be written as one: run asks one user message of media
     * (any order) followed by one text, after an optional system text, with one frame count for every video.
     */
    static Expressed express(ModelCase c) {
        List<Message> messages = c.processorCase().conversation().messages();
        List<String> args = new ArrayList<>(List.of("run", "--model", c.model().toString()));
        int first = 0;
        if (!messages.isEmpty() && messages.get(0).role().equals("system")) {
            List<Content> system = messages.get(0).content();
            if (system.size() != 1 || !(system.get(0) instanceof Content.Text)) {
                return Expressed.not("its system message is not one text");
            }
            args.addAll(List.of("--system", ((Content.Text) system.get(0)).text()));
            first = 1;
        }
        if (messages.size() != first + 1 || !messages.get(first).role().equals("user")) {
            return Expressed.not("it has " + messages.size() + " messages; run asks one user message");
        }
        List<Content> items = messages.get(first).content();
        for (int i = 0; i < items.size() - 1; i++) {
            Content item = items.get(i);
            if (item instanceof Content.Text) {
                return Expressed.not("its text item " + i + " comes before media; run puts the prompt last");
            }
            boolean image = item instanceof Content.Image;
            MediaSource source = image ? ((Content.Image) item).source() : ((Content.Video) item).source();
            args.addAll(List.of(image ? "--image" : "--video", ((MediaSource.File) source).path().toString()));
        }
        if (items.isEmpty() || !(items.get(items.size() - 1) instanceof Content.Text)) {
            return Expressed.not("its user message does not end with its text");
        }
        args.addAll(List.of("--prompt", ((Content.Text) items.get(items.size() - 1)).text()));
        Path sampling = c.processorCase().dir().resolve("sampling.json");
        if (Files.exists(sampling)) {
            List<Integer> frames = ConfigNode.read(sampling).get("videos").elements().stream()
                    .map(v -> v.get("num_frames").asInt()).distinct().collect(Collectors.toList());
            if (frames.size() > 1) {
                return Expressed.not("its videos have different frame counts " + frames);
            }
            if (frames.size() == 1) {
                args.addAll(List.of("--num-frames", String.valueOf(frames.get(0))));
            }
        }
        args.addAll(List.of("--greedy", "--max-new-tokens", String.valueOf(c.newTokenIds().size()), "--backend", "djl",
                "--threads", "1", "--quiet"));
        return new Expressed(args, null);
    }

    /** The arguments of a case, or why there are none. */
    record Expressed(List<String> args, String whyNot) {
        static Expressed not(String why) {
            return new Expressed(null, why);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsHfsGreedyTextOfEveryCaseItCanExpress(ModelCase c) {
        Expressed e = express(c);
        assumeTrue(e.args() != null, () -> c + " is not a vlm run: " + e.whyNot());

        int code = run(e.args());

        assertThat(code).as("%s exit code; stderr: %s", c, err).isZero();
        assertThat(out.toString()).as("%s stdout", c).isEqualTo(c.text() + System.lineSeparator());
        assertThat(err.toString()).as("%s stderr with --quiet", c).isEmpty();
    }

    @Test
    void theGoldenCasesItExpressesCoverEveryFamilyVideosImagesBothAndASystemMessage() {
        List<String> expressed = ModelCase.allCases().stream().filter(c -> express(c).args() != null)
                .map(ModelCase::toString).collect(Collectors.toList());

        assertThat(expressed).contains("llava/video_cat", "llava_onevision/image_and_video",
                "llava_onevision/two_videos", "llava_next_video/system_video_mkv", "video_llava/image_chelsea");
    }

    @Test
    void withoutQuietTheTimingsGoToStderrAndOnlyTheAnswerToStdout() {
        ModelCase c = ModelCase.of(GOLDEN.resolve("video_llava/video_cat"));
        List<String> args = new ArrayList<>(express(c).args());
        args.remove("--quiet");

        assertThat(run(args)).as("stderr: %s", err).isZero();

        assertThat(out.toString()).isEqualTo(c.text() + System.lineSeparator());
        assertThat(err.toString()).contains("prompt tokens").contains("tokens/s");
    }

    @Test
    void aTextOnlyPromptIsAnsweredAsThePipelineAnswersIt() {
        Path model = GoldenData.model("llava_onevision");
        String expected;
        try (VlmPipeline vlm = VlmPipeline.fromPretrained(model.toString(),
                Options.builder().backend("djl").threads(1).build())) {
            expected = vlm.generate(Conversation.of(Message.system("Be brief."), Message.user("Name three colours.")),
                    GenerationConfig.greedy(8)).text();
        }

        int code = run("run", "--model", model.toString(), "--system", "Be brief.", "--prompt", "Name three colours.",
                "--greedy", "--max-new-tokens", "8", "--backend", "djl", "--threads", "1", "--quiet");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo(expected + System.lineSeparator());
    }

    @Test
    void withoutGreedyOrATemperatureTheCheckpointsGenerationConfigDecides() {
        // the tiny checkpoints' generation_config.json says nothing of do_sample: HF decodes greedily
        ModelCase c = ModelCase.of(GOLDEN.resolve("llava_onevision/video_cat"));
        List<String> args = new ArrayList<>(express(c).args());
        args.remove("--greedy");

        assertThat(run(args)).as("stderr: %s", err).isZero();

        assertThat(out.toString()).isEqualTo(c.text() + System.lineSeparator());
    }

    @Test
    void mediaKeepTheirCommandLineOrderAndTheFrameCountReachesTheProcessor() {
        Path model = GoldenData.model("llava_onevision");
        String expected;
        try (VlmPipeline vlm = VlmPipeline.fromPretrained(model.toString(), Options.builder().backend("djl")
                .threads(1).frameSampling(FrameSampling.uniform(4)).build())) {
            expected = vlm.generate(Conversation.of(Message.user(Content.video(CAT_PAN), Content.image(CHELSEA),
                    Content.video(CAT_PAN), Content.text("Compare them."))), GenerationConfig.greedy(8)).text();
        }

        int code = run("run", "--model", model.toString(), "--video", CAT_PAN.toString(), "--image",
                CHELSEA.toString(), "--video", CAT_PAN.toString(), "--prompt", "Compare them.", "--num-frames", "4",
                "--greedy", "--max-new-tokens", "8", "--backend", "djl", "--threads", "1", "--quiet");

        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString()).isEqualTo(expected + System.lineSeparator());
    }

    // ---------------------------------------------------------------------------------------------------------
    // A hub id

    /** A hub on loopback serving the llava_onevision checkpoint as {@code org/tiny-ov}, and vlm pointed at it. */
    private LoopbackHub hubWithGoldenCheckpoint() throws IOException {
        LoopbackHub hub = GoldenHub.serving("org/tiny-ov");
        env.putAll(GoldenHub.environment(hub, temp));
        return hub;
    }

    private List<String> hubRun(String model) {
        ModelCase c = ModelCase.of(GOLDEN.resolve("llava_onevision/video_cat"));
        List<String> args = new ArrayList<>(express(c).args());
        args.set(args.indexOf("--model") + 1, model);
        return args;
    }

    @Test
    void aHubIdIsDownloadedIntoTheCacheThenAnswered() throws IOException {
        ModelCase c = ModelCase.of(GOLDEN.resolve("llava_onevision/video_cat"));
        try (LoopbackHub hub = hubWithGoldenCheckpoint()) {
            assertThat(run(hubRun("org/tiny-ov"))).as("stderr: %s", err).isZero();

            assertThat(out.toString()).isEqualTo(c.text() + System.lineSeparator());
            assertThat(temp.resolve("cache/models--org--tiny-ov/snapshots").resolve(hub.repo("org/tiny-ov").commit())
                    .resolve("model.safetensors")).exists();
            assertThat(hub.transfers()).isNotEmpty();
        }
    }

    @Test
    void withoutQuietEachDownloadedFileShowsProgressOnStderr() throws IOException {
        try (LoopbackHub hub = hubWithGoldenCheckpoint()) {
            List<String> args = hubRun("org/tiny-ov@main");
            args.remove("--quiet");

            assertThat(run(args)).as("stderr: %s", err).isZero();

            assertThat(err.toString()).contains("downloading model.safetensors");
        }
    }

    @Test
    void offlineACachedHubIdIsAnsweredWithoutAnyRequest() throws IOException {
        ModelCase c = ModelCase.of(GOLDEN.resolve("llava_onevision/video_cat"));
        try (LoopbackHub hub = hubWithGoldenCheckpoint()) {
            assertThat(run(hubRun("org/tiny-ov"))).as("stderr: %s", err).isZero();
            hub.clearRequests();
            out.getBuffer().setLength(0);
            env.put("HF_HUB_OFFLINE", "1");

            assertThat(run(hubRun("org/tiny-ov"))).as("stderr: %s", err).isZero();

            assertThat(out.toString()).isEqualTo(c.text() + System.lineSeparator());
            assertThat(hub.requests()).as("requests to the hub while offline").isEmpty();
        }
    }

    @Test
    void offlineAHubIdNotCachedIsUnavailable() throws IOException {
        try (LoopbackHub hub = hubWithGoldenCheckpoint()) {
            env.put("HF_HUB_OFFLINE", "1");

            assertThat(run(hubRun("org/tiny-ov"))).isEqualTo(ExitCodes.UNAVAILABLE);

            assertThat(err.toString()).contains("HF_HUB_OFFLINE");
            assertThat(hub.requests()).isEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Errors

    private List<String> catRun() {
        return new ArrayList<>(List.of("run", "--model", GoldenData.model("llava_onevision").toString(), "--video",
                CAT_PAN.toString(), "--prompt", "What happens?", "--greedy", "--max-new-tokens", "2", "--backend",
                "djl", "--threads", "1", "--quiet"));
    }

    @Test
    void aMissingPromptIsBadUsage() {
        List<String> args = catRun();
        args.subList(args.indexOf("--prompt"), args.indexOf("--prompt") + 2).clear();

        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--prompt");
    }

    @Test
    void greedyWithATemperatureIsBadUsage() {
        List<String> args = catRun();
        args.addAll(List.of("--temperature", "0.7"));

        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void numFramesWithFpsIsBadUsage() {
        List<String> args = catRun();
        args.addAll(List.of("--num-frames", "4", "--fps", "1"));

        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    @Test
    void aMissingVideoFileIsBadInputNamingIt() {
        List<String> args = catRun();
        args.set(args.indexOf(CAT_PAN.toString()), temp.resolve("nope.mp4").toString());

        assertThat(run(args)).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("--video").contains("nope.mp4").contains("no such file");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileThatIsNoImageIsBadInput() {
        List<String> args = catRun();
        args.addAll(List.of("--image", GoldenData.model("llava_onevision").resolve("config.json").toString()));

        assertThat(run(args)).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("config.json");
    }

    @Test
    void aModelThatIsNeitherAFolderNorAHubIdIsBadInput() {
        List<String> args = catRun();
        args.set(args.indexOf("--model") + 1, temp.resolve("no/such/model").toString());

        assertThat(run(args)).isEqualTo(ExitCodes.INPUT);
        assertThat(err.toString()).contains("neither an existing folder nor a hub repo id");
    }

    @Test
    void anUninstalledBackendIsUnavailableNamingIt() {
        List<String> args = catRun();
        args.set(args.indexOf("djl"), "tpu");

        assertThat(run(args)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("backend 'tpu' is not installed");
    }

    @Test
    void anUnknownModelTypeIsUnavailableNamingIt() throws IOException {
        Path model = temp.resolve("model");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(GoldenData.model("llava_onevision"))) {
            for (Path f : files.collect(Collectors.toList())) {
                Files.copy(f, model.resolve(f.getFileName().toString()));
            }
        }
        String config = Files.readString(model.resolve("config.json"));
        Files.writeString(model.resolve("config.json"), config.replaceFirst(
                "\"model_type\": *\"llava_onevision\"", "\"model_type\": \"llava_future\""));
        List<String> args = catRun();
        args.set(args.indexOf("--model") + 1, model.toString());

        assertThat(run(args)).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("llava_future");
    }

    @Test
    void helpShowsTheSynopsis() {
        assertThat(run("run", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: vlm run").contains("--model=MODEL").contains("--video=PATH|URL")
                .contains("--image=PATH|URL").contains("--prompt=TEXT").contains("--greedy").contains("--quiet")
                .contains("HF_HUB_OFFLINE");
    }
}
