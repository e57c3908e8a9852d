package io.vlm4j.model;

import io.vlm4j.ConfigException;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;

/**
 * HF's {@code ACT2FN}: the activations configs name ({@code hidden_act}, {@code projector_hidden_act}) and the
 * tensor SPI operation each one is. Immutable.
 */
public enum Activation {
    /** {@code "silu"} / {@code "swish"}: {@code nn.SiLU}. */
    SILU("silu"),
    /** {@code "gelu"}: exact {@code nn.GELU}. */
    GELU("gelu"),
    /** {@code "gelu_pytorch_tanh"}: {@code F.gelu(x, approximate="tanh")}. */
    GELU_PYTORCH_TANH("gelu_pytorch_tanh"),
    /** {@code "quick_gelu"}: {@code x * sigmoid(1.702 * x)}. */
    QUICK_GELU("quick_gelu");

    private final String hfName;

    Activation(String hfName) {
        this.hfName = hfName;
    }

    /** The name configs use. */
    public String hfName() {
        return hfName;
    }

    /**
     * The activation a config names.
     *
     * @param where the config location for the message ({@code config.json $.text_config.hidden_act})
     * @throws ConfigException if it is not one of these
     */
    public static Activation of(String name, String where) {
        if ("swish".equals(name)) {
            return SILU;
        }
        for (Activation a : values()) {
            if (a.hfName.equals(name)) {
                return a;
            }
        }
        throw new ConfigException(where + ": expected one of silu, swish, gelu, gelu_pytorch_tanh, quick_gelu, got \""
                + name + "\"");
    }

    /** Applies it. */
    public Tensor apply(Scope scope, Tensor x) {
        switch (this) {
            case SILU:
                return scope.silu(x);
            case GELU:
                return scope.gelu(x);
            case GELU_PYTORCH_TANH:
                return scope.geluTanh(x);
            default:
                return scope.quickGelu(x);
        }
    }
}
