package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.runtime.hub.LoopbackHub;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vlm download} through {@link Main#execute} against a hub on loopback. */
class DownloadCommandTest {
    private static final byte[] WEIGHTS = LoopbackHub.bytes(50_000, 7);

    @TempDir
    Path temp;

    private LoopbackHub hub;
    private final Map<String, String> env = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startHub() throws IOException {
        hub = LoopbackHub.start();
        hub.repo("org/tiny")
                .file("config.json", "{\"model_type\": \"llava\"}")
                .file("tokenizer.json", "{}")
                .file("README.md", "# tiny")
                .lfs("model.safetensors", WEIGHTS)
                .lfs("pytorch_model.bin", LoopbackHub.bytes(100, 8));
        env.put("HF_ENDPOINT", hub.endpoint().toString());
        env.put("HF_HUB_CACHE", temp.resolve("cache").toString());
        env.put("HF_HOME", temp.resolve("hf-home").toString());
        env.put("HOME", temp.toString());
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out), new PrintWriter(err), env);
    }

    private Path printedSnapshot() {
        return Path.of(out.toString().strip());
    }

    @Test
    void printsTheSnapshotFolderAndNothingElseOnStdout() {
        assertThat(run("download", "org/tiny")).isZero();

        Path snapshot = printedSnapshot();
        assertThat(out.toString()).isEqualTo(snapshot + System.lineSeparator());
        assertThat(snapshot).isEqualTo(temp.resolve("cache/models--org--tiny/snapshots")
                .resolve(hub.repo("org/tiny").commit()));
        assertThat(snapshot.resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
        assertThat(snapshot.resolve("README.md")).doesNotExist();
        assertThat(snapshot.resolve("pytorch_model.bin")).doesNotExist();
    }

    @Test
    void outsideATerminalProgressIsOneLinePerDownloadedFileOnStderr() {
        run("download", "org/tiny");

        assertThat(err.toString()).contains("downloading model.safetensors (50.0 kB)").doesNotContain("\r");
    }

    @Test
    void quietShowsNoProgress() {
        assertThat(run("download", "--quiet", "org/tiny")).isZero();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void includeAddsTheMatchingFiles() {
        assertThat(run("download", "org/tiny", "--include", "*.md", "--include", "*.bin")).isZero();

        assertThat(printedSnapshot().resolve("README.md")).hasContent("# tiny");
        assertThat(printedSnapshot().resolve("pytorch_model.bin")).exists();
    }

    @Test
    void aSecondDownloadFetchesNoFile() {
        run("download", "org/tiny");
        hub.clearRequests();

        assertThat(run("download", "org/tiny@main")).isZero();

        assertThat(hub.transfers()).isEmpty();
    }

    @Test
    void offlineACachedModelIsPrintedWithoutAnyConnection() throws IOException {
        run("download", "org/tiny");
        hub.clearRequests();
        out.getBuffer().setLength(0);
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_ENDPOINT", LoopbackHub.unusedEndpoint().toString());

        assertThat(run("download", "org/tiny")).isZero();

        assertThat(printedSnapshot().resolve("config.json")).exists();
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineAModelNotCachedIsUnavailable() {
        env.put("HF_HUB_OFFLINE", "1");

        assertThat(run("download", "org/tiny")).isEqualTo(ExitCodes.UNAVAILABLE);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("HF_HUB_OFFLINE").contains("models--org--tiny");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aGatedRepoWithoutATokenIsUnavailableSayingToSetHfToken() {
        hub.repo("org/tiny").gated("hf_secret");

        assertThat(run("download", "org/tiny")).isEqualTo(ExitCodes.UNAVAILABLE);

        assertThat(err.toString()).contains("gated or private").contains("set HF_TOKEN");
    }

    @Test
    void aGatedRepoDownloadsWithHfToken() {
        hub.repo("org/tiny").gated("hf_secret");
        env.put("HF_TOKEN", "hf_secret");

        assertThat(run("download", "org/tiny")).isZero();
    }

    @Test
    void anUnreachableHubIsUnavailableNamingTheEndpoint() throws IOException {
        String endpoint = LoopbackHub.unusedEndpoint().toString();
        env.put("HF_ENDPOINT", endpoint);

        assertThat(run("download", "org/tiny")).isEqualTo(ExitCodes.UNAVAILABLE);

        assertThat(err.toString()).contains("cannot reach the hub at " + endpoint);
    }

    @Test
    void aRepoTheHubDoesNotHaveIsBadInput() {
        assertThat(run("download", "org/nope")).isEqualTo(ExitCodes.INPUT);

        assertThat(err.toString()).contains("repository org/nope not found");
    }

    @Test
    void aMalformedIdIsBadInput() {
        assertThat(run("download", "not//an id")).isEqualTo(ExitCodes.INPUT);

        assertThat(err.toString()).contains("not a hub repo id");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void anUnknownBackendIsBadUsage() {
        assertThat(run("download", "org/tiny", "--backend", "tpu")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("--backend: expected djl or onnx, got 'tpu'");
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aMissingModelIsBadUsage() {
        assertThat(run("download")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("MODEL");
    }

    @Test
    void theOnnxBackendFetchesTheOnnxGraphs() {
        hub.repo("org/tiny").lfs("onnx/model.onnx", LoopbackHub.bytes(300, 9));

        assertThat(run("download", "org/tiny", "--backend", "onnx")).isZero();

        assertThat(printedSnapshot().resolve("onnx/model.onnx")).exists();
        assertThat(printedSnapshot().resolve("model.safetensors")).doesNotExist();
    }

    @Test
    void helpDescribesTheCommand() {
        assertThat(run("download", "--help")).isZero();

        assertThat(out.toString()).contains("Usage: vlm download").contains("--include=GLOB").contains("HF_TOKEN");
    }

    @Test
    void theCommandIsListedInTheTopLevelHelp() throws IOException {
        run("--help");

        assertThat(out.toString()).contains("download");
        assertThat(Files.exists(temp.resolve("cache"))).isFalse();
    }
}
