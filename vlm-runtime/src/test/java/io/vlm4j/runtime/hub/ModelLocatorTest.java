package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLocatorTest {
    @TempDir
    Path temp;

    private LoopbackHub hub;
    private ModelLocator locator;

    @BeforeEach
    void start() throws IOException {
        hub = LoopbackHub.start();
        hub.repo("org/tiny").file("config.json", "{}").lfs("model.safetensors", LoopbackHub.bytes(100, 1));
        locator = new ModelLocator(HubClient.fromEnvironment(Map.of(
                "HF_ENDPOINT", hub.endpoint().toString(),
                "HF_HUB_CACHE", temp.resolve("cache").toString(),
                "HF_HOME", temp.resolve("hf-home").toString(),
                "HOME", temp.toString())));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void anExistingFolderIsUsedAsItIsWithoutAsking() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("org/tiny"));

        assertThat(locator.resolve(folder.toString())).isEqualTo(folder);
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void aHubIdIsTheSnapshotOfItsRevision() {
        Path snapshot = locator.resolve("org/tiny");

        assertThat(snapshot.resolve("model.safetensors")).exists();
        assertThat(snapshot.getFileName().toString()).isEqualTo(hub.repo("org/tiny").commit());
    }

    @Test
    void neitherAFolderNorAnIdIsNotFoundSayingWhatWasExpected() {
        assertThatThrownBy(() -> locator.resolve(temp.resolve("no/such/folder").toString()))
                .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("neither an existing folder nor a hub repo id");
        assertThat(hub.requests()).isEmpty();
    }
}
