package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepoIdTest {
    @Test
    void theRevisionDefaultsToMain() {
        assertThat(RepoId.parse("llava-hf/llava-onevision-qwen2-0.5b-ov-hf"))
                .isEqualTo(new RepoId("llava-hf/llava-onevision-qwen2-0.5b-ov-hf", "main"));
    }

    @Test
    void aRevisionFollowsTheAt() {
        assertThat(RepoId.parse("org/name@v1.0")).isEqualTo(new RepoId("org/name", "v1.0"));
        assertThat(RepoId.parse("org/name@refs/pr/1").revision()).isEqualTo("refs/pr/1");
    }

    @Test
    void aFortyHexRevisionIsACommit() {
        assertThat(RepoId.parse("org/name@0123456789abcdef0123456789abcdef01234567").isCommit()).isTrue();
        assertThat(RepoId.parse("org/name@main").isCommit()).isFalse();
    }

    @Test
    void theCacheFolderIsModelsDashDashOrgDashDashName() {
        assertThat(RepoId.of("llava-hf/LLaVA-NeXT-Video-7B-hf").folderName())
                .isEqualTo("models--llava-hf--LLaVA-NeXT-Video-7B-hf");
        assertThat(RepoId.of("gpt2").folderName()).isEqualTo("models--gpt2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b/c", "org/", "/name", "-org/name", "org/name.", "org--x/name", "org/na..me",
        "org/name.git", "org/na me", "./models/x", "org/nâme"})
    void idsHuggingfaceHubRejectsAreNotFound(String id) {
        assertThatThrownBy(() -> RepoId.parse(id))
                .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("org/name[@revision]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"org/name@", "org/name@../../x", "org/name@/abs", "org/name@a//b", "org/name@a\\b"})
    void revisionsThatLeaveTheRefsFolderAreRejected(String text) {
        assertThatThrownBy(() -> RepoId.parse(text))
                .isInstanceOfSatisfying(VlmException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("revision");
    }

    @Test
    void aNameOfNinetySixCharactersIsTheLongest() {
        String name = "a".repeat(96);
        assertThat(RepoId.of("org/" + name).id()).endsWith(name);
        assertThatThrownBy(() -> RepoId.of("org/" + name + "a")).isInstanceOf(VlmException.class);
    }
}
