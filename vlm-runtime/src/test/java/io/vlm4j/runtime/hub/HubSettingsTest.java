package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HubSettingsTest {
    @TempDir
    Path temp;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", temp.resolve("home").toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void theDefaultsAreThoseOfHuggingfaceHub() {
        HubSettings s = HubSettings.fromEnvironment(env());

        assertThat(s.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(s.cacheDir()).isEqualTo(temp.resolve("home/.cache/huggingface/hub"));
        assertThat(s.token()).isEmpty();
        assertThat(s.offline()).isFalse();
        assertThat(s.metadataTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.downloadTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void hfHubCacheWinsOverHfHomeWhichWinsOverXdgCacheHome() {
        assertThat(HubSettings.fromEnvironment(env("XDG_CACHE_HOME", "/x")).cacheDir())
                .isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(env("XDG_CACHE_HOME", "/x", "HF_HOME", "/h")).cacheDir())
                .isEqualTo(Path.of("/h/hub"));
        assertThat(HubSettings.fromEnvironment(env("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "/legacy")).cacheDir())
                .isEqualTo(Path.of("/legacy"));
        assertThat(HubSettings.fromEnvironment(env("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "/legacy",
                "HF_HUB_CACHE", "/c")).cacheDir()).isEqualTo(Path.of("/c"));
    }

    @Test
    void aTildeInHfHomeIsTheHomeFolder() {
        assertThat(HubSettings.fromEnvironment(env("HF_HOME", "~/hf")).cacheDir())
                .isEqualTo(temp.resolve("home/hf/hub"));
    }

    @Test
    void hfEndpointLosesItsTrailingSlash() {
        assertThat(HubSettings.fromEnvironment(env("HF_ENDPOINT", "https://hf-mirror.example/")).endpoint())
                .isEqualTo(URI.create("https://hf-mirror.example"));
    }

    @Test
    void anHfEndpointThatIsNoHttpUrlIsBadUsageNamingTheVariable() {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(env("HF_ENDPOINT", "ftp://x")))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("ftp://x");
        assertThatThrownBy(() -> HubSettings.fromEnvironment(env("HF_ENDPOINT", "not a url")))
                .isInstanceOf(VlmException.class)
                .hasMessageContaining("HF_ENDPOINT");
    }

    @Test
    void hfTokenWinsOverTheTokenFileAndIsCleaned() throws IOException {
        Path home = temp.resolve("hf");
        Files.createDirectories(home);
        Files.writeString(home.resolve("token"), "hf_file\r\n");

        assertThat(HubSettings.fromEnvironment(env("HF_HOME", home.toString())).token()).hasValue("hf_file");
        assertThat(HubSettings.fromEnvironment(env("HF_HOME", home.toString(), "HF_TOKEN", " hf_env\n")).token())
                .hasValue("hf_env");
        assertThat(HubSettings.fromEnvironment(env("HF_HOME", home.toString(), "HUGGING_FACE_HUB_TOKEN", "hf_old"))
                .token()).hasValue("hf_old");
    }

    @Test
    void hfTokenPathNamesAnotherTokenFile() throws IOException {
        Path file = temp.resolve("my-token");
        Files.writeString(file, "hf_elsewhere");

        assertThat(HubSettings.fromEnvironment(env("HF_TOKEN_PATH", file.toString())).token())
                .hasValue("hf_elsewhere");
    }

    @Test
    void anEmptyTokenIsNoToken() {
        assertThat(HubSettings.fromEnvironment(env("HF_TOKEN", "  \n")).token()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "ON", "yes", "True"})
    void hfHubOfflineAcceptsHuggingfaceHubsTrueValues(String value) {
        assertThat(HubSettings.fromEnvironment(env("HF_HUB_OFFLINE", value)).offline()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "false", "no", ""})
    void otherValuesOfHfHubOfflineAreOnline(String value) {
        assertThat(HubSettings.fromEnvironment(env("HF_HUB_OFFLINE", value)).offline()).isFalse();
    }

    @Test
    void transformersOfflineAlsoMeansOffline() {
        assertThat(HubSettings.fromEnvironment(env("TRANSFORMERS_OFFLINE", "1")).offline()).isTrue();
    }

    @Test
    void timeoutsAreReadInSeconds() {
        HubSettings s = HubSettings.fromEnvironment(env("HF_HUB_ETAG_TIMEOUT", "3", "HF_HUB_DOWNLOAD_TIMEOUT", "60"));

        assertThat(s.metadataTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.downloadTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aBadTimeoutIsBadUsageNamingTheVariable() {
        assertThatThrownBy(() -> HubSettings.fromEnvironment(env("HF_HUB_DOWNLOAD_TIMEOUT", "soon")))
                .isInstanceOfSatisfying(VlmException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("HF_HUB_DOWNLOAD_TIMEOUT")
                .hasMessageContaining("soon");
    }

    @Test
    void theTokenNeverShowsInToString() {
        assertThat(HubSettings.fromEnvironment(env("HF_TOKEN", "hf_secret")).toString())
                .doesNotContain("hf_secret")
                .contains("token=(set)");
    }
}
