package io.vlm4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.media.FrameSampling;
import org.junit.jupiter.api.Test;

/** {@link Options}: defaults, the builder, and the values it refuses. */
class OptionsTest {
    @Test
    void defaultsAreTheCpuByPriorityWithEightUniformFrames() {
        Options o = Options.defaults();

        assertThat(o.optBackend()).isEmpty();
        assertThat(o.device()).isEqualTo("cpu");
        assertThat(o.threads()).isZero();
        assertThat(o.frameSampling()).isEqualTo(FrameSampling.uniform(8));
    }

    @Test
    void theBuilderSetsEachValue() {
        Options o = Options.builder().backend("djl").device("cuda:1").threads(4).frameSampling(FrameSampling.fps(1))
                .build();

        assertThat(o).isEqualTo(new Options("djl", "cuda:1", 4, FrameSampling.fps(1)));
        assertThat(o.backendOptions().device()).isEqualTo("cuda:1");
        assertThat(o.backendOptions().threads()).isEqualTo(4);
    }

    @Test
    void anUnknownDeviceIsRefusedNamingIt() {
        assertThatThrownBy(() -> Options.builder().device("tpu").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tpu'");
    }

    @Test
    void negativeThreadsAndABlankBackendAreRefused() {
        assertThatThrownBy(() -> Options.builder().threads(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.builder().backend(" ").build()).isInstanceOf(IllegalArgumentException.class);
    }
}
