package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.CheckpointFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSelectionTest {
    private static final List<String> LLAVA_REPO = List.of(".gitattributes", "README.md", "added_tokens.json",
            "chat_template.json", "config.json", "generation_config.json", "merges.txt",
            "model-00001-of-00004.safetensors", "model-00002-of-00004.safetensors", "model.safetensors.index.json",
            "preprocessor_config.json", "processor_config.json", "special_tokens_map.json", "tokenizer.json",
            "tokenizer_config.json", "vocab.json", "video_preprocessor_config.json", "pytorch_model.bin");

    @TempDir
    Path snapshot;

    @Test
    void theSafetensorsSelectionTakesTheMetadataAndTheIndexButNotTheRest() {
        assertThat(FileSelection.safetensors().select(LLAVA_REPO, "org/x@main")).containsExactly("config.json",
                "generation_config.json", "tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt",
                "special_tokens_map.json", "added_tokens.json", "preprocessor_config.json",
                "video_preprocessor_config.json", "processor_config.json", "chat_template.json",
                "model.safetensors.index.json");
    }

    @Test
    void aSingleSafetensorsFileIsPreferredToAnIndexAsTransformersDoes() {
        assertThat(FileSelection.safetensors().select(
                List.of("config.json", "model.safetensors", "model.safetensors.index.json"), "org/x@main"))
                .containsExactly("config.json", "model.safetensors");
    }

    @Test
    void theOnnxBackendReadsOnnxGraphsAndEveryOtherSafetensors() {
        assertThat(FileSelection.forBackend("onnx").weights()).isEqualTo(FileSelection.Weights.ONNX);
        assertThat(FileSelection.forBackend("djl").weights()).isEqualTo(FileSelection.Weights.SAFETENSORS);
    }

    @Test
    void includePatternsAddFiles() {
        assertThat(FileSelection.safetensors().include(List.of("*.md", "*.bin")).select(LLAVA_REPO, "org/x@main"))
                .contains("README.md", "pytorch_model.bin").doesNotContain(".gitattributes");
    }

    @Test
    void aRepoWithoutConfigJsonIsACheckpointError() {
        assertThatThrownBy(() -> FileSelection.safetensors().select(List.of("model.safetensors"), "org/x@main"))
                .isInstanceOf(CheckpointFormatException.class)
                .hasMessageContaining("org/x@main has no config.json");
    }

    @Test
    void theShardsAreThoseTheIndexNames() throws IOException {
        Files.writeString(snapshot.resolve("model.safetensors.index.json"), "{\"weight_map\": {"
                + "\"b\": \"model-00002-of-00004.safetensors\", \"a\": \"model-00001-of-00004.safetensors\"}}");

        assertThat(FileSelection.shards(snapshot, List.of("model.safetensors.index.json"), LLAVA_REPO, "org/x@main"))
                .containsExactly("model-00001-of-00004.safetensors", "model-00002-of-00004.safetensors");
    }

    @Test
    void anIndexNamingAPathOutsideTheRepoIsRejected() throws IOException {
        Files.writeString(snapshot.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"../../etc/passwd\"}}");

        assertThatThrownBy(() -> FileSelection.shards(snapshot, List.of("model.safetensors.index.json"), LLAVA_REPO,
                "org/x@main"))
                .hasMessageContaining("$.weight_map.a")
                .hasMessageContaining("../../etc/passwd");
    }

    @Test
    void aCompleteSnapshotLacksNothing() throws IOException {
        Files.writeString(snapshot.resolve("config.json"), "{}");
        Files.writeString(snapshot.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"model-00001-of-00001.safetensors\"}}");
        Files.write(snapshot.resolve("model-00001-of-00001.safetensors"), new byte[8]);

        assertThat(FileSelection.safetensors().missingIn(snapshot)).isEmpty();
    }

    @Test
    void aSnapshotWithoutAShardLacksIt() throws IOException {
        Files.writeString(snapshot.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"a\": \"model-00001-of-00001.safetensors\"}}");

        assertThat(FileSelection.safetensors().missingIn(snapshot))
                .containsExactly("config.json", "model-00001-of-00001.safetensors");
    }

    @Test
    void aSnapshotWithoutWeightsLacksThem() throws IOException {
        Files.writeString(snapshot.resolve("config.json"), "{}");

        assertThat(FileSelection.safetensors().missingIn(snapshot)).singleElement().asString()
                .startsWith("model.safetensors");
    }
}
