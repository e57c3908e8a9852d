package io.vlm4j.runtime.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.VlmException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected values are those of Python's {@code fnmatch.fnmatch} on POSIX. */
class GlobTest {
    @ParameterizedTest(name = "fnmatch({1}, {0}) = {2}")
    @CsvSource({
        "*.json, config.json, true",
        "*.json, onnx/config.json, true",
        "*.json, config.jsonl, false",
        "onnx/*, onnx/model.onnx, true",
        "onnx/, onnx/sub/model.onnx, true",
        "onnx/, onnx, false",
        "model-?????-of-?????.safetensors, model-00001-of-00002.safetensors, true",
        "model-?????-of-?????.safetensors, model-1-of-2.safetensors, false",
        "[ab]*.txt, a.txt, true",
        "[!ab]*.txt, a.txt, false",
        "[!ab]*.txt, c.txt, true",
        "*.JSON, config.json, false",
        "config.json, config.json, true",
        "config.json, configXjson, false",
        "[, [, true",
        "a+b(c).txt, a+b(c).txt, true",
    })
    void matchesAsPythonsFnmatch(String pattern, String name, boolean expected) {
        assertThat(Glob.of(pattern).matches(name)).isEqualTo(expected);
    }

    @Test
    void anEmptyPatternIsRejected() {
        assertThatThrownBy(() -> Glob.of("")).isInstanceOf(VlmException.class).hasMessageContaining("--include");
    }
}
