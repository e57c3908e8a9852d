package io.vlm4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ConfigException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** rope_scaling as HF 4.46's rope_config_validation and ROPE_INIT_FUNCTIONS read it. */
class RopeScalingTest {
    private static Optional<RopeScaling> rope(String json) {
        return LlamaConfig.fromJson(ConfigNode.parse("{\"text_config\": {\"rope_scaling\": " + json + "}}",
                "config.json").get("text_config")).ropeScaling();
    }

    @Test
    void nullAndTheDefaultTypeMeanNoScaling() {
        assertThat(rope("null")).isEmpty();
        assertThat(rope("{\"rope_type\": \"default\"}")).isEmpty();
        assertThat(rope("{\"type\": \"default\", \"factor\": 4.0}")).isEmpty();
    }

    @Test
    void linearScalingKeepsItsFactorWhetherNamedTypeOrRopeType() {
        assertThat(rope("{\"type\": \"linear\", \"factor\": 2.0}")).get()
                .satisfies(r -> {
                    assertThat(r.ropeType()).isEqualTo("linear");
                    assertThat(r.factor()).hasValue(2.0);
                });
        assertThat(rope("{\"rope_type\": \"linear\", \"factor\": 2}").get().factor()).hasValue(2.0);
    }

    @Test
    void typeWinsOverRopeTypeAsLlamaConfigCopiesIt() {
        assertThat(rope("{\"type\": \"dynamic\", \"rope_type\": \"linear\", \"factor\": 2.0}").get().ropeType())
                .isEqualTo("dynamic");
    }

    @Test
    void aFactorThatIsNotANumberNamesItsPath() {
        assertThatThrownBy(() -> rope("{\"type\": \"linear\", \"factor\": \"two\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.text_config.rope_scaling.factor: expected a number > 0, got \"two\"");
    }

    @Test
    void aFactorThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> rope("{\"type\": \"linear\", \"factor\": 0}"))
                .hasMessage("config.json $.text_config.rope_scaling.factor: expected a number > 0, got 0");
    }

    @Test
    void aRequiredKeyThatIsAbsentIsNamed() {
        assertThatThrownBy(() -> rope("{\"rope_type\": \"linear\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json $.text_config.rope_scaling.factor: expected a value: rope_type 'linear' "
                        + "requires factor, got nothing (the key is absent)");
        assertThatThrownBy(() -> rope("{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, "
                + "\"high_freq_factor\": 4.0}"))
                .hasMessageStartingWith("config.json $.text_config.rope_scaling.original_max_position_embeddings: "
                        + "expected a value");
    }

    @Test
    void llama3KeepsItsFrequencyFactors() {
        RopeScaling r = rope("{\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, "
                + "\"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 8192}").orElseThrow();

        assertThat(r.originalMaxPositionEmbeddings()).hasValue(8192);
        assertThat(r.lowFreqFactor()).hasValue(1.0);
        assertThat(r.highFreqFactor()).hasValue(4.0);
    }

    @Test
    void aMissingOrUnknownTypeIsRefused() {
        assertThatThrownBy(() -> rope("{\"factor\": 2.0}"))
                .hasMessageStartingWith("config.json $.text_config.rope_scaling.rope_type: expected a string naming "
                        + "the RoPE type");
        assertThatThrownBy(() -> rope("{\"rope_type\": \"su\", \"factor\": 2.0}"))
                .hasMessage("config.json $.text_config.rope_scaling.rope_type: expected one of 'linear', 'dynamic', "
                        + "'yarn', 'longrope', 'llama3', got \"su\"");
    }

    @Test
    void ropeScalingMustBeAnObject() {
        assertThatThrownBy(() -> rope("2.0"))
                .hasMessageStartingWith("config.json $.text_config.rope_scaling: expected an object");
    }

    @Test
    void otherKeysStayInTheJson() {
        RopeScaling r = rope("{\"rope_type\": \"yarn\", \"factor\": 4.0, \"beta_fast\": 32.0}").orElseThrow();

        assertThat(r.json().getDouble("beta_fast", 0)).isEqualTo(32.0);
    }
}
