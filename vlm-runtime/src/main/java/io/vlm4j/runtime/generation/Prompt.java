package io.vlm4j.runtime.generation;

import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * One sequence to continue: its token ids and, for a vision-language model, the {@code inputs_embeds} its family
 * computed (text embeddings with the media features scattered in); without them the language model embeds the
 * ids. The ids are what HF's {@code input_ids} hold (media placeholders included): the repetition penalty sees
 * them. Immutable.
 */
public final class Prompt {
    /** Computes a prompt's {@code inputs_embeds} F32 {@code [1, seq_len, hidden_size]} in the generation's scope. */
    @FunctionalInterface
    public interface InputsEmbeds {
        Tensor compute(Scope scope);
    }

    private final int[] inputIds;
    private final InputsEmbeds inputsEmbeds;

    private Prompt(int[] inputIds, InputsEmbeds inputsEmbeds) {
        if (inputIds.length == 0) {
            throw new IllegalArgumentException("a prompt needs at least one token");
        }
        this.inputIds = inputIds.clone();
        this.inputsEmbeds = inputsEmbeds;
    }

    /** Token ids the language model embeds itself. */
    public static Prompt of(int... inputIds) {
        return new Prompt(inputIds, null);
    }

    /** Token ids with their {@code inputs_embeds} computed by {@code inputsEmbeds} (a family's merge). */
    public static Prompt of(int[] inputIds, InputsEmbeds inputsEmbeds) {
        return new Prompt(inputIds, Objects.requireNonNull(inputsEmbeds, "inputsEmbeds"));
    }

    /** Token ids with precomputed {@code inputs_embeds [1, seq_len, hidden_size]} (uploaded when generating). */
    public static Prompt of(int[] inputIds, HostTensor inputsEmbeds) {
        Objects.requireNonNull(inputsEmbeds, "inputsEmbeds");
        if (inputsEmbeds.rank() != 3 || inputsEmbeds.dim(0) != 1 || inputsEmbeds.dim(1) != inputIds.length) {
            throw new IllegalArgumentException("inputs_embeds of a " + inputIds.length + "-token prompt must be [1, "
                    + inputIds.length + ", hidden_size], got " + Arrays.toString(inputsEmbeds.shape()));
        }
        return new Prompt(inputIds, scope -> scope.upload(inputsEmbeds));
    }

    /** The token ids (a copy). */
    public int[] inputIds() {
        return inputIds.clone();
    }

    /** The number of tokens. */
    public int length() {
        return inputIds.length;
    }

    /** The family's embeddings, or null when the language model embeds the ids. */
    InputsEmbeds inputsEmbeds() {
        return inputsEmbeds;
    }
}
