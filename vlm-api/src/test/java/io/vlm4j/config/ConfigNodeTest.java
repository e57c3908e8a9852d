package io.vlm4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigNodeTest {
    private static ConfigNode json(String text) {
        return ConfigNode.parse(text, "config.json");
    }

    @Test
    void tellsAMissingKeyFromAJsonNull() {
        ConfigNode root = json("{\"pad_token_id\": null}");

        assertThat(root.get("pad_token_id").isNull()).isTrue();
        assertThat(root.get("pad_token_id").isMissing()).isFalse();
        assertThat(root.get("bos_token_id").isMissing()).isTrue();
        assertThat(root.get("bos_token_id").isNull()).isFalse();
        assertThat(root.get("pad_token_id").isAbsent()).isTrue();
        assertThat(root.get("bos_token_id").isAbsent()).isTrue();
        assertThat(root.has("pad_token_id")).isTrue();
        assertThat(root.has("bos_token_id")).isFalse();
    }

    @Test
    void defaultReadersTreatMissingAndNullAlike() {
        ConfigNode root = json("{\"a\": null}");

        assertThat(root.getInt("a", 7)).isEqualTo(7);
        assertThat(root.getInt("b", 7)).isEqualTo(7);
        assertThat(root.optInt("a")).isEmpty();
        assertThat(root.getString("a", "x")).isEqualTo("x");
        assertThat(root.getBoolean("a", true)).isTrue();
        assertThat(root.getDouble("b", 0.5)).isEqualTo(0.5);
    }

    @Test
    void pathsNameObjectKeysArrayIndicesAndQuoteKeysThatAreNotIdentifiers() {
        ConfigNode root = json("{\"text_config\": {\"rope_scaling\": {\"factor\": 2}}, \"image_grid_pinpoints\": "
                + "[[1, 2], [3, 4]], \"id2label\": {\"0\": \"a\"}, \"a.b\": 1, \"q\\\"\": 2}");

        assertThat(root.path()).isEqualTo("$");
        assertThat(root.get("text_config").get("rope_scaling").get("factor").path())
                .isEqualTo("$.text_config.rope_scaling.factor");
        assertThat(root.get("image_grid_pinpoints").get(1).get(0).path()).isEqualTo("$.image_grid_pinpoints[1][0]");
        assertThat(root.get("id2label").get("0").path()).isEqualTo("$.id2label[\"0\"]");
        assertThat(root.get("a.b").path()).isEqualTo("$[\"a.b\"]");
        assertThat(root.get("q\"").path()).isEqualTo("$[\"q\\\"\"]");
        assertThat(root.get("absent").get("deeper").path()).isEqualTo("$.absent.deeper");
    }

    @Test
    void anErrorNamesFileAndPathAndSaysWhatWasExpectedAndFound() {
        ConfigNode factor = json("{\"text_config\": {\"rope_scaling\": {\"factor\": \"two\"}}}")
                .get("text_config").get("rope_scaling").get("factor");

        assertThat(factor.error("a number > 0"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.text_config.rope_scaling.factor: expected a number > 0, got \"two\"");
    }

    @Test
    void anErrorOnAnAbsentKeySaysTheKeyIsAbsent() {
        assertThat(json("{}").get("hidden_size").error("an integer").getMessage())
                .isEqualTo("config.json $.hidden_size: expected an integer, got nothing (the key is absent)");
    }

    @Test
    void anErrorShortensALongValue() {
        String longText = "x".repeat(500);
        String message = json("{\"a\": \"" + longText + "\"}").get("a").error("a short string").getMessage();

        assertThat(message).hasSizeLessThan(150).endsWith("…");
    }

    @Test
    void invalidPhrasesARuleInTheStandardForm() {
        assertThat(json("{\"n\": 3}").get("n").invalid("3 does not divide 8").getMessage())
                .isEqualTo("config.json $.n: 3 does not divide 8");
    }

    @Test
    void typedReadersFailNamingThePath() {
        ConfigNode root = json("{\"hidden_size\": \"16\", \"eps\": true, \"big\": 3000000000, \"half\": 2.5}");

        assertThatThrownBy(() -> root.getInt("hidden_size", 1)).isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.hidden_size: expected an integer, got \"16\"");
        assertThatThrownBy(() -> root.getDouble("eps", 1)).hasMessage("config.json $.eps: expected a number, got true");
        assertThatThrownBy(() -> root.getInt("big", 1))
                .hasMessage("config.json $.big: expected an integer within int range, got 3000000000");
        assertThatThrownBy(() -> root.getInt("half", 1)).hasMessage("config.json $.half: expected an integer, got 2.5");
        assertThatThrownBy(() -> root.get("eps").asString()).hasMessage("config.json $.eps: expected a string, got true");
        assertThatThrownBy(() -> root.get("eps").elements())
                .hasMessage("config.json $.eps: expected an array, got true");
    }

    @Test
    void aWholeNumberWrittenWithAFractionReadsAsAnInteger() {
        assertThat(json("{\"n\": 16.0}").getInt("n", 0)).isEqualTo(16);
    }

    @Test
    void toJavaGivesLongForWholeNumbersAndDoubleForTheOthers() {
        Object value = json("{\"i\": 1, \"f\": 1.0, \"e\": 1e3, \"big\": 123456789012345678901234567890, "
                + "\"s\": \"x\", \"b\": false, \"n\": null, \"l\": [1, 2.5]}").toJava();

        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(map.get("i")).isEqualTo(1L);
        assertThat(map.get("f")).isEqualTo(1.0);
        assertThat(map.get("e")).isEqualTo(1000.0);
        assertThat(map.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(map.get("s")).isEqualTo("x");
        assertThat(map.get("b")).isEqualTo(false);
        assertThat(map.containsKey("n")).isTrue();
        assertThat(map.get("n")).isNull();
        assertThat(map.get("l")).isEqualTo(List.of(1L, 2.5));
        assertThat(List.<Object>copyOf(map.keySet())).containsExactly("i", "f", "e", "big", "s", "b", "n", "l");
    }

    @Test
    void aMissingNodeIsNullInJavaAndInJson() {
        ConfigNode missing = json("{}").get("x");

        assertThat(missing.toJava()).isNull();
        assertThat(missing.toJson()).isEqualTo("null");
    }

    @Test
    void readsTheNanAndInfinityPythonWrites() {
        ConfigNode root = json("{\"a\": NaN, \"b\": Infinity, \"c\": -Infinity}");

        assertThat(root.getDouble("a", 0)).isNaN();
        assertThat(root.getDouble("b", 0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(root.getDouble("c", 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsContentAfterTheJsonValueAsPythonDoes() {
        assertThatThrownBy(() -> json("{\"a\": 1} {\"b\": 2}")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: not valid JSON");
    }

    @Test
    void rejectsMalformedJsonNamingLineAndColumn() {
        assertThatThrownBy(() -> json("{\n  \"a\": 1,\n  oops\n}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("config.json: not valid JSON at line 3, column");
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThatThrownBy(() -> json("  ")).isInstanceOf(ConfigException.class)
                .hasMessage("config.json: expected a JSON value, got an empty document");
    }

    @Test
    void readsAFileNamingItInMessages(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"hidden_size\": -1}");

        ConfigNode root = ConfigNode.read(file);

        assertThat(root.source()).isEqualTo("config.json");
        assertThat(root.get("hidden_size").location()).isEqualTo("config.json $.hidden_size");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt(@TempDir Path dir) {
        Path file = dir.resolve("config.json");

        assertThatThrownBy(() -> ConfigNode.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found");
    }

    @Test
    void aFileThatIsNotUtf8IsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});

        assertThatThrownBy(() -> ConfigNode.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not UTF-8 text");
    }

    @Test
    void wrapsPlainJavaValues() {
        ConfigNode node = ConfigNode.of(Map.of("a", List.of(1, 2)), "defaults");

        assertThat(node.get("a").asIntArray()).containsExactly(1, 2);
        assertThat(node.get("a").get(1).location()).isEqualTo("defaults $.a[1]");
    }

    @Test
    void keysKeepFileOrderAndEqualityIgnoresWhereANodeIs() {
        ConfigNode a = ConfigNode.parse("{\"z\": 1, \"a\": 2}", "one.json");
        ConfigNode b = ConfigNode.parse("{\"z\": 1, \"a\": 2}", "two.json");

        assertThat(a.keys()).containsExactly("z", "a");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }
}
