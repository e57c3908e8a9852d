package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.vlm4j.CheckpointFormatException;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubClientTest {
    private static final String REPO = "org/tiny";
    private static final byte[] WEIGHTS = LoopbackHub.bytes(300_000, 1);
    /** A retry delay that keeps the resume tests fast; the production default is huggingface_hub's 1 s. */
    private static final Duration TEST_RETRY_DELAY = Duration.ofMillis(10);
    /** A download timeout that keeps the stall test fast; the production default is huggingface_hub's 10 s. */
    private static final Duration TEST_STALL_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path temp;

    private LoopbackHub hub;
    private Path cache;

    @BeforeEach
    void startHub() throws IOException {
        hub = LoopbackHub.start();
        cache = temp.resolve("hub-cache");
        hub.repo(REPO)
                .file(".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n")
                .file("README.md", "# tiny\n")
                .file("config.json", "{\"model_type\": \"llava\"}")
                .file("generation_config.json", "{\"max_new_tokens\": 8}")
                .file("tokenizer.json", "{\"version\": \"1.0\"}")
                .file("tokenizer_config.json", "{}")
                .file("chat_template.jinja", "{{ messages }}")
                .file("preprocessor_config.json", "{\"size\": 384}")
                .lfs("model.safetensors", WEIGHTS)
                .lfs("pytorch_model.bin", LoopbackHub.bytes(1000, 2))
                .lfs("images/example.png", LoopbackHub.bytes(500, 3))
                .tag("v1.0");
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HF_ENDPOINT", hub.endpoint().toString());
        env.put("HF_HUB_CACHE", cache.toString());
        env.put("HF_HOME", temp.resolve("hf-home").toString());
        env.put("HOME", temp.resolve("home").toString());
        return env;
    }

    private HubClient client(Map<String, String> env) {
        return HubClient.of(HubSettings.fromEnvironment(env).withRetries(5, TEST_RETRY_DELAY));
    }

    private HubClient client() {
        return client(env());
    }

    private Path download(HubClient client) {
        return client.snapshot(REPO, null, FileSelection.safetensors(), ProgressListener.SILENT);
    }

    private static Set<String> filesIn(Path snapshot) throws IOException {
        try (Stream<Path> s = Files.walk(snapshot)) {
            return s.filter(p -> !Files.isDirectory(p))
                    .map(p -> snapshot.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private Path storage() {
        return cache.resolve("models--org--tiny");
    }

    @Test
    void downloadsLandInTheCacheLayoutOfHuggingfaceHub() throws IOException {
        LoopbackHub.Repo repo = hub.repo(REPO);
        String commit = repo.commit();

        Path snapshot = download(client());

        assertThat(snapshot).isEqualTo(storage().resolve("snapshots").resolve(commit));
        assertThat(storage().resolve("refs/main")).hasContent(commit);
        assertThat(Files.readString(storage().resolve("refs/main"))).doesNotEndWith("\n");
        for (String file : List.of("config.json", "model.safetensors")) {
            Path pointer = snapshot.resolve(file);
            assertThat(Files.isSymbolicLink(pointer)).as(file + " is a symlink").isTrue();
            assertThat(Files.readSymbolicLink(pointer).toString().replace('\\', '/'))
                    .as(file + " links relatively to its blob").isEqualTo("../../blobs/" + repo.etag(file));
            assertThat(Files.readAllBytes(pointer)).as(file).isEqualTo(repo.content(file));
        }
        assertThat(repo.etag("model.safetensors")).isEqualTo(LoopbackHub.sha256(WEIGHTS));
        assertThat(storage().resolve("blobs").resolve(LoopbackHub.sha256(WEIGHTS))).hasBinaryContent(WEIGHTS);
        assertThat(storage().resolve("blobs").resolve(repo.etag("config.json")))
                .hasContent("{\"model_type\": \"llava\"}");
        try (Stream<Path> blobs = Files.list(storage().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".incomplete"));
        }
    }

    @Test
    void onlyTheFilesABackendNeedsAreDownloaded() throws IOException {
        Path snapshot = download(client());

        assertThat(filesIn(snapshot)).containsExactly("chat_template.jinja", "config.json",
                "generation_config.json", "model.safetensors", "preprocessor_config.json", "tokenizer.json",
                "tokenizer_config.json");
        assertThat(hub.transfers()).extracting(LoopbackHub.Request::path)
                .noneMatch(p -> p.contains("README") || p.contains("pytorch_model") || p.contains("example"));
    }

    @Test
    void includePatternsAddTheMatchingFilesAsFnmatchDoes() throws IOException {
        Path snapshot = client().snapshot(REPO, null,
                FileSelection.safetensors().include(List.of("*.md", "images/")), ProgressListener.SILENT);

        assertThat(filesIn(snapshot)).contains("README.md", "images/example.png").doesNotContain("pytorch_model.bin");
        assertThat(Files.readSymbolicLink(snapshot.resolve("images/example.png")).toString().replace('\\', '/'))
                .isEqualTo("../../../blobs/" + hub.repo(REPO).etag("images/example.png"));
        assertThat(snapshot.resolve("images/example.png"))
                .hasBinaryContent(hub.repo(REPO).content("images/example.png"));
    }

    @Test
    void aSecondRunDownloadsNothing() {
        Path first = download(client());
        hub.clearRequests();

        Path second = download(client());

        assertThat(second).isEqualTo(first);
        assertThat(hub.requests()).extracting(LoopbackHub.Request::method, LoopbackHub.Request::server)
                .as("only the revision is asked for").containsExactly(tuple("GET", "hub"));
        assertThat(hub.requests().get(0).path()).isEqualTo("/api/models/org/tiny/revision/main");
    }

    @Test
    void filesThatPythonHuggingfaceHubCachedAreReused() throws IOException {
        LoopbackHub.Repo repo = hub.repo(REPO);
        String commit = repo.commit();
        Path snapshot = storage().resolve("snapshots").resolve(commit);
        Files.createDirectories(snapshot);
        Files.createDirectories(storage().resolve("blobs"));
        Files.createDirectories(storage().resolve("refs"));
        Files.writeString(storage().resolve("refs/main"), commit);
        for (String file : List.of("config.json", "generation_config.json", "tokenizer.json",
                "tokenizer_config.json", "chat_template.jinja", "preprocessor_config.json")) {
            Files.write(storage().resolve("blobs").resolve(repo.etag(file)), repo.content(file));
            Files.createSymbolicLink(snapshot.resolve(file), Path.of("../../blobs/" + repo.etag(file)));
        }
        // the weights blob is there (another commit had it), its link in this snapshot is not
        Files.write(storage().resolve("blobs").resolve(repo.etag("model.safetensors")), WEIGHTS);

        download(client());

        assertThat(hub.transfers()).as("nothing is downloaded").isEmpty();
        assertThat(snapshot.resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
        assertThat(Files.isSymbolicLink(snapshot.resolve("model.safetensors"))).isTrue();
    }

    @Test
    void offlineModeWorksFromTheCacheAndMakesNoConnection() throws IOException {
        Path online = download(client());
        hub.clearRequests();
        Map<String, String> env = env();
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_ENDPOINT", LoopbackHub.unusedEndpoint().toString());

        Path offline = download(client(env));

        assertThat(offline).isEqualTo(online);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineModeResolvesATagThroughRefs() throws IOException {
        client().snapshot(REPO, "v1.0", FileSelection.safetensors(), ProgressListener.SILENT);
        hub.clearRequests();
        Map<String, String> env = env();
        env.put("HF_HUB_OFFLINE", "true");
        env.put("HF_ENDPOINT", LoopbackHub.unusedEndpoint().toString());

        Path offline = client(env).snapshot(REPO, "v1.0", FileSelection.safetensors(), ProgressListener.SILENT);

        assertThat(offline.getFileName().toString()).isEqualTo(hub.repo(REPO).commit());
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineModeWithoutTheRepoNamesTheCachePath() throws IOException {
        Map<String, String> env = env();
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_ENDPOINT", LoopbackHub.unusedEndpoint().toString());

        assertThatThrownBy(() -> download(client(env)))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("HF_HUB_OFFLINE")
                .hasMessageContaining(cache.resolve("models--org--tiny").resolve("refs").resolve("main").toString());
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineModeWithAFileMissingNamesTheFileAndTheSnapshot() throws IOException {
        Path snapshot = download(client());
        Files.delete(snapshot.resolve("model.safetensors"));
        hub.clearRequests();
        Map<String, String> env = env();
        env.put("HF_HUB_OFFLINE", "1");

        assertThatThrownBy(() -> download(client(env)))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining(snapshot.toString());
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aBrokenDownloadResumesFromThePartialBytesWithARangeRequest() {
        hub.dropConnection("model.safetensors", 100_000, 1);

        Path snapshot = download(client());

        List<LoopbackHub.Request> cdn = hub.transfers().stream().filter(r -> r.server().equals("cdn"))
                .collect(Collectors.toList());
        assertThat(cdn).hasSize(2);
        assertThat(cdn.get(0).range()).isEmpty();
        assertThat(cdn.get(1).range()).hasValue("bytes=100000-");
        assertThat(LoopbackHub.sha256(readAll(snapshot.resolve("model.safetensors"))))
                .isEqualTo(LoopbackHub.sha256(WEIGHTS));
    }

    @Test
    void aStalledDownloadIsCancelledAfterTheDownloadTimeoutAndResumed() {
        hub.stallOnce("model.safetensors", 50_000);
        HubClient client = HubClient.of(HubSettings.fromEnvironment(env()).withRetries(5, TEST_RETRY_DELAY)
                .withTimeouts(Duration.ofSeconds(10), TEST_STALL_TIMEOUT));

        Path snapshot = download(client);

        List<LoopbackHub.Request> cdn = hub.transfers().stream().filter(r -> r.server().equals("cdn"))
                .collect(Collectors.toList());
        assertThat(cdn).hasSize(2);
        assertThat(cdn.get(1).range()).hasValue("bytes=50000-");
        assertThat(snapshot.resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
    }

    @Test
    void aPartialFileLeftByAnEarlierRunIsResumed() throws IOException {
        Path blobs = storage().resolve("blobs");
        Files.createDirectories(blobs);
        Path incomplete = blobs.resolve(LoopbackHub.sha256(WEIGHTS) + ".incomplete");
        Files.write(incomplete, Arrays.copyOf(WEIGHTS, 123_456));

        Path snapshot = download(client());

        List<LoopbackHub.Request> cdn = hub.transfers().stream().filter(r -> r.server().equals("cdn"))
                .collect(Collectors.toList());
        assertThat(cdn).singleElement().satisfies(r -> assertThat(r.range()).hasValue("bytes=123456-"));
        assertThat(snapshot.resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
        assertThat(incomplete).doesNotExist();
    }

    @Test
    void aDownloadThatKeepsBreakingWithoutProgressGivesUpWithATypedError() {
        hub.dropConnection("model.safetensors", 0, 100);
        HubClient client = HubClient.of(HubSettings.fromEnvironment(env()).withRetries(2, TEST_RETRY_DELAY));

        assertThatThrownBy(() -> download(client))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("run again to resume");
        assertThat(hub.transfers().stream().filter(r -> r.server().equals("cdn"))).hasSize(3);
    }

    @Test
    void aCorruptedDownloadIsDetectedAndDeleted() throws IOException {
        hub.corrupt("model.safetensors");

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining("corrupt")
                .hasMessageContaining(LoopbackHub.sha256(WEIGHTS));
        try (Stream<Path> blobs = Files.list(storage().resolve("blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith(LoopbackHub.sha256(WEIGHTS)));
        }
        assertThat(storage().resolve("snapshots").resolve(hub.repo(REPO).commit()).resolve("model.safetensors"))
                .doesNotExist();
    }

    @Test
    void aCorruptedSmallFileIsDetectedByItsGitBlobHash() {
        hub.corrupt("config.json");

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("config.json")
                .hasMessageContaining("git blob sha1");
    }

    @Test
    void aSizeOtherThanAnnouncedIsAnErrorAndDeletesThePartial() throws IOException {
        hub.announceSize("model.safetensors", WEIGHTS.length + 10);

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("model.safetensors")
                .hasMessageContaining(Integer.toString(WEIGHTS.length + 10));
        assertThat(storage().resolve("blobs").resolve(LoopbackHub.sha256(WEIGHTS) + ".incomplete")).doesNotExist();
    }

    @Test
    void moreBytesThanAnnouncedStopTheDownloadAndDeleteThePartial() {
        hub.announceSize("model.safetensors", WEIGHTS.length - 10);

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("model.safetensors: the server sent more than the " + (WEIGHTS.length - 10));
        assertThat(storage().resolve("blobs").resolve(LoopbackHub.sha256(WEIGHTS) + ".incomplete")).doesNotExist();
    }

    @Test
    void aShardedCheckpointFetchesTheIndexAndEveryShardItNames() throws IOException {
        byte[] shard1 = LoopbackHub.bytes(2000, 11);
        byte[] shard2 = LoopbackHub.bytes(3000, 12);
        hub.repo("org/sharded")
                .file("config.json", "{}")
                .file("model.safetensors.index.json", "{\"metadata\": {\"total_size\": 5000}, \"weight_map\": {"
                        + "\"a.weight\": \"model-00001-of-00002.safetensors\","
                        + "\"b.weight\": \"model-00002-of-00002.safetensors\","
                        + "\"c.weight\": \"model-00002-of-00002.safetensors\"}}")
                .lfs("model-00001-of-00002.safetensors", shard1)
                .lfs("model-00002-of-00002.safetensors", shard2)
                .lfs("pytorch_model-00001-of-00001.bin", LoopbackHub.bytes(100, 13));

        Path snapshot = client().snapshot("org/sharded", null, FileSelection.safetensors(), ProgressListener.SILENT);

        assertThat(filesIn(snapshot)).containsExactly("config.json", "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors", "model.safetensors.index.json");
        assertThat(snapshot.resolve("model-00002-of-00002.safetensors")).hasBinaryContent(shard2);
    }

    @Test
    void anIndexNamingAShardTheRepoLacksIsACheckpointError() {
        hub.repo("org/broken")
                .file("config.json", "{}")
                .file("model.safetensors.index.json", "{\"weight_map\": {\"a\": \"model-00009.safetensors\"}}");

        assertThatThrownBy(() -> client().snapshot("org/broken", null, FileSelection.safetensors(),
                ProgressListener.SILENT))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("model-00009.safetensors");
    }

    @Test
    void aRepoWithoutSafetensorsWeightsIsACheckpointErrorListingItsFiles() {
        hub.repo("org/bin-only").file("config.json", "{}").lfs("pytorch_model.bin", LoopbackHub.bytes(10, 4));

        assertThatThrownBy(() -> client().snapshot("org/bin-only", null, FileSelection.safetensors(),
                ProgressListener.SILENT))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("safetensors")
                .hasMessageContaining("pytorch_model.bin");
        assertThat(hub.transfers()).isEmpty();
    }

    @Test
    void theOnnxSelectionFetchesTheFullPrecisionGraphsAndTheirData() throws IOException {
        hub.repo("org/onnx")
                .file("config.json", "{}")
                .lfs("onnx/decoder_model_merged.onnx", LoopbackHub.bytes(100, 5))
                .lfs("onnx/decoder_model_merged.onnx_data", LoopbackHub.bytes(200, 6))
                .lfs("onnx/decoder_model_merged_q4.onnx", LoopbackHub.bytes(50, 7))
                .lfs("onnx/vision_encoder_fp16.onnx", LoopbackHub.bytes(50, 8))
                .lfs("onnx/vision_encoder.onnx", LoopbackHub.bytes(60, 9))
                .lfs("model.safetensors", LoopbackHub.bytes(70, 10));

        Path snapshot = client().snapshot("org/onnx", null, FileSelection.onnx(), ProgressListener.SILENT);

        assertThat(filesIn(snapshot)).containsExactly("config.json", "onnx/decoder_model_merged.onnx",
                "onnx/decoder_model_merged.onnx_data", "onnx/vision_encoder.onnx");
    }

    @Test
    void theOnnxSelectionOfARepoWithoutGraphsFetchesItsSafetensors() throws IOException {
        Path snapshot = client().snapshot(REPO, null, FileSelection.onnx(), ProgressListener.SILENT);

        assertThat(filesIn(snapshot)).contains("model.safetensors");
    }

    @Test
    void aTagIsRecordedInRefsAndACommitRevisionIsNot() throws IOException {
        String commit = hub.repo(REPO).commit();

        Path byTag = client().snapshot(REPO, "v1.0", FileSelection.safetensors(), ProgressListener.SILENT);
        Path byCommit = client().snapshot(REPO, commit, FileSelection.safetensors(), ProgressListener.SILENT);

        assertThat(byTag).isEqualTo(byCommit);
        assertThat(storage().resolve("refs/v1.0")).hasContent(commit);
        try (Stream<Path> refs = Files.list(storage().resolve("refs"))) {
            assertThat(refs.map(p -> p.getFileName().toString())).containsExactly("v1.0");
        }
    }

    @Test
    void aGatedRepoWithoutATokenIsUnavailableSayingToSetHfToken() {
        hub.repo(REPO).gated("hf_secret");

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("401")
                .hasMessageContaining("gated or private")
                .hasMessageContaining("set HF_TOKEN");
    }

    @Test
    void aPrivateRepoWithoutATokenIsUnavailableSayingToSetHfToken() {
        hub.repo(REPO).privateWith("hf_secret");

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining(REPO)
                .hasMessageContaining("set HF_TOKEN");
    }

    @Test
    void theTokenGoesToTheHubButNeverToTheCdn() {
        hub.repo(REPO).gated("hf_secret");
        Map<String, String> env = env();
        env.put("HF_TOKEN", "hf_secret");

        Path snapshot = download(client(env));

        assertThat(snapshot.resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("hub"))
                .allSatisfy(r -> assertThat(r.authorization()).hasValue("Bearer hf_secret"));
        assertThat(hub.requests()).filteredOn(r -> r.server().equals("cdn")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.authorization()).isEmpty());
    }

    @Test
    void theTokenFileInHfHomeIsUsedWhenHfTokenIsUnset() throws IOException {
        hub.repo(REPO).gated("hf_from_file");
        Path home = temp.resolve("hf-home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("token"), "hf_from_file\n");

        Path snapshot = download(client());

        assertThat(snapshot.resolve("config.json")).exists();
    }

    @Test
    void anUnknownRepoIsNotFoundNamingIt() {
        assertThatThrownBy(() -> client().snapshot("org/nope", null, FileSelection.safetensors(),
                ProgressListener.SILENT))
                .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("repository org/nope not found on " + hub.endpoint());
    }

    @Test
    void aListedFileTheHubCannotResolveIsNotFoundNamingIt() {
        hub.hide("tokenizer.json");

        assertThatThrownBy(() -> download(client()))
                .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("file 'tokenizer.json' not found in org/tiny@");
    }

    @Test
    void anUnknownRevisionIsNotFoundNamingIt() {
        assertThatThrownBy(() -> client().snapshot(REPO, "no-such-branch", FileSelection.safetensors(),
                ProgressListener.SILENT))
                .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("revision 'no-such-branch' not found in org/tiny");
    }

    @Test
    void anUnreachableHubIsUnavailableNamingTheEndpoint() throws IOException {
        Map<String, String> env = env();
        String endpoint = LoopbackHub.unusedEndpoint().toString();
        env.put("HF_ENDPOINT", endpoint);

        assertThatThrownBy(() -> download(client(env)))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REMOTE_UNAVAILABLE))
                .hasMessageContaining("cannot reach the hub at " + endpoint)
                .hasMessageContaining("HF_HUB_OFFLINE=1");
    }

    @Test
    void aCachedSnapshotIsUsedWhenTheHubIsUnreachable() throws IOException {
        Path online = download(client());
        Map<String, String> env = env();
        env.put("HF_ENDPOINT", LoopbackHub.unusedEndpoint().toString());

        assertThat(download(client(env))).isEqualTo(online);
    }

    @Test
    void withoutSymlinksSnapshotFilesAreCopies() throws IOException {
        HubClient client = HubClient.withoutSymlinks(
                HubSettings.fromEnvironment(env()).withRetries(5, TEST_RETRY_DELAY));

        Path snapshot = download(client);

        assertThat(Files.isSymbolicLink(snapshot.resolve("model.safetensors"))).isFalse();
        assertThat(snapshot.resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
        hub.clearRequests();
        download(client);
        assertThat(hub.transfers()).isEmpty();
    }

    @Test
    void twoClientsFetchingTheSameRepoAtOnceDownloadEachBlobOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Path>> tasks = List.of(() -> download(client()), () -> download(client()));
            List<Path> results = new ArrayList<>();
            for (Future<Path> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            assertThat(results.get(0)).isEqualTo(results.get(1));
            assertThat(results.get(0).resolve("model.safetensors")).hasBinaryContent(WEIGHTS);
            assertThat(hub.transfers().stream().filter(r -> r.server().equals("cdn"))).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theListenerHearsDownloadsAndCachedFiles() {
        List<String> events = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void fileStarted(String file, long size, long resumedFrom) {
                events.add("start " + file + " " + size);
            }

            @Override
            public void fileFinished(String file, long size, boolean downloaded) {
                events.add((downloaded ? "done " : "cached ") + file + " " + size);
            }
        };
        HubClient client = client();
        client.snapshot(REPO, null, FileSelection.safetensors(), listener);
        assertThat(events).contains("start model.safetensors " + WEIGHTS.length,
                "done model.safetensors " + WEIGHTS.length);
        events.clear();

        client.snapshot(REPO, null, FileSelection.safetensors(), listener);

        assertThat(events).contains("cached model.safetensors " + WEIGHTS.length).noneMatch(e -> e.startsWith("start"));
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
