package io.vlm4j.runtime.generation;

import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.generation.FinishReason;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.generation.GenerationTimings;
import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.model.KvCache;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.text.StreamingDecoder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The decode loop of HF's {@code generate()} for greedy search and sampling ({@code _sample}): one prefill of the
 * prompts, then one token per step per sequence over a preallocated {@link KvCache}, each step's scores through
 * the {@link LogitsProcessorList}, the token from the {@link Sampler}, until every sequence has met an
 * end-of-sequence token, a stop string or {@code max_new_tokens}. Text is streamed as it forms.
 *
 * <p>Batches are left-padded as HF's processors pad them: padding is masked out of attention, positions count
 * only real tokens ({@code attention_mask.cumsum(-1) - 1}, 1 on padding), finished sequences are fed the pad
 * token until all are done, and the repetition penalty sees the padding as HF's {@code input_ids} hold it.
 *
 * <p>Thread-safe: every call makes its own scope (freed when it returns) and cache, so one model serves many
 * threads at once.
 */
public final class Generation {
    private final CausalLanguageModel model;
    private final Detokenizer detokenizer;

    /** Generation with {@code model}, decoding text with {@code detokenizer}. */
    public Generation(CausalLanguageModel model, Detokenizer detokenizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.detokenizer = Objects.requireNonNull(detokenizer, "detokenizer");
    }

    /** Continues one prompt. */
    public GenerationResult generate(Prompt prompt, GenerationConfig config) {
        return generate(List.of(prompt), config, (i, piece) -> { }).get(0);
    }

    /** Continues one prompt, giving {@code onText} each piece of text as it forms. */
    public GenerationResult generate(Prompt prompt, GenerationConfig config, Consumer<String> onText) {
        Objects.requireNonNull(onText, "onText");
        return generate(List.of(prompt), config, (i, piece) -> onText.accept(piece)).get(0);
    }

    /**
     * Continues a batch of prompts together, left-padded to the longest.
     *
     * @param onText receives {@code (sequence index, piece)} as text forms
     * @return one result per prompt, in order
     * @throws VlmException (usage) if there are no prompts or an embedding has the wrong shape
     */
    public List<GenerationResult> generate(List<Prompt> prompts, GenerationConfig config,
            BiConsumer<Integer, String> onText) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(onText, "onText");
        if (prompts.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, "generate: no prompts");
        }
        return new Run(prompts, config, onText).run();
    }

    /** The state of one call. */
    private final class Run {
        private final List<Prompt> prompts;
        private final BiConsumer<Integer, String> onText;
        private final int batch;
        private final int maxPrompt;
        private final int maxNewTokens;
        private final int padTokenId;
        private final Set<Integer> eosTokenIds;
        private final StopStrings stopStrings;
        private final LogitsProcessorList processors;
        private final Sampler sampler;
        private final boolean padded;
        /** Per sequence: left padding, prompt, generated tokens (HF's {@code input_ids}). */
        private final int[][] sequences;
        private final int[] padding;
        private final List<List<Integer>> generated = new ArrayList<>();
        private final StreamingDecoder[] streams;
        /** Per sequence: the text streamed so far. */
        private final StringBuilder[] texts;
        private final FinishReason[] finished;
        private int length;

        Run(List<Prompt> prompts, GenerationConfig config, BiConsumer<Integer, String> onText) {
            this.prompts = List.copyOf(prompts);
            this.onText = onText;
            this.batch = prompts.size();
            this.maxPrompt = prompts.stream().mapToInt(Prompt::length).max().orElseThrow();
            this.maxNewTokens = config.maxNewTokens();
            this.eosTokenIds = new HashSet<>(config.eosTokenIds());
            // HF pads with the first eos token when no pad token is set
            this.padTokenId = config.padTokenId().orElse(config.eosTokenIds().isEmpty() ? 0
                    : config.eosTokenIds().get(0));
            this.stopStrings = new StopStrings(config.stopStrings());
            this.processors = LogitsProcessorList.of(config.repetitionPenalty(), config.doSample(),
                    config.temperature(), config.topK(), config.topP());
            this.sampler = config.doSample()
                    ? Sampler.seeded(config.seed().isPresent() ? config.seed().getAsLong() : new SecureRandom().nextLong())
                    : Sampler.greedy();
            this.sequences = new int[batch][maxPrompt + maxNewTokens];
            this.padding = new int[batch];
            this.streams = new StreamingDecoder[batch];
            this.texts = new StringBuilder[batch];
            this.finished = new FinishReason[batch];
            boolean anyPadding = false;
            for (int b = 0; b < batch; b++) {
                int[] ids = prompts.get(b).inputIds();
                padding[b] = maxPrompt - ids.length;
                anyPadding |= padding[b] > 0;
                Arrays.fill(sequences[b], 0, padding[b], padTokenId);
                System.arraycopy(ids, 0, sequences[b], padding[b], ids.length);
                generated.add(new ArrayList<>());
                streams[b] = detokenizer.newStreamingDecoder();
                texts[b] = new StringBuilder();
            }
            this.padded = anyPadding;
            this.length = maxPrompt;
        }

        List<GenerationResult> run() {
            long start = System.nanoTime();
            double prefillMillis;
            int decodeSteps = 0;
            try (Scope generation = model.newScope()) {
                KvCache cache = model.newCache(generation, batch, maxPrompt + maxNewTokens);
                float[] logits;
                try (Scope step = generation.newScope()) {
                    Tensor inputsEmbeds = prefillEmbeds(step); // [batch, max_prompt, hidden_size]
                    logits = forward(step, inputsEmbeds, cache);
                }
                long prefillEnd = System.nanoTime();
                prefillMillis = (prefillEnd - start) / 1e6;
                while (true) {
                    int[] next = choose(logits);
                    if (allFinished() || length == sequences[0].length) {
                        break;
                    }
                    try (Scope step = generation.newScope()) {
                        long[] ids = new long[batch];
                        for (int b = 0; b < batch; b++) {
                            ids[b] = next[b];
                        }
                        Tensor inputsEmbeds = model.embedTokens(step, step.constant(ids, batch, 1)); // [batch, 1, hidden_size]
                        logits = forward(step, inputsEmbeds, cache);
                    }
                    decodeSteps++;
                }
                double decodeMillis = (System.nanoTime() - prefillEnd) / 1e6;
                GenerationTimings timings = new GenerationTimings(prefillMillis, decodeSteps, decodeMillis);
                List<GenerationResult> results = new ArrayList<>();
                for (int b = 0; b < batch; b++) {
                    int[] ids = generated.get(b).stream().mapToInt(Integer::intValue).toArray();
                    results.add(new GenerationResult(prompts.get(b).length(), generated.get(b), detokenizer.decode(ids),
                            finished[b] == null ? FinishReason.LENGTH : finished[b], timings));
                }
                return results;
            }
        }

        /** The prompts' embeddings, left-padded with the pad token's: {@code [batch, max_prompt, hidden_size]}. */
        private Tensor prefillEmbeds(Scope scope) {
            List<Tensor> rows = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                Prompt prompt = prompts.get(b);
                Tensor row;
                if (prompt.inputsEmbeds() == null) {
                    row = embed(scope, sequences[b], 0, maxPrompt);
                } else {
                    Tensor embeds = prompt.inputsEmbeds().compute(scope); // [1, seq_len, hidden_size]
                    if (embeds.rank() != 3 || embeds.dim(0) != 1 || embeds.dim(1) != prompt.length()
                            || embeds.dim(2) != model.hiddenSize()) {
                        throw new VlmException(ErrorCode.INVALID_ARGUMENT, "inputs_embeds of prompt " + b
                                + " must be [1, " + prompt.length() + ", " + model.hiddenSize() + "], got "
                                + Arrays.toString(embeds.shape()));
                    }
                    row = padding[b] == 0 ? embeds
                            : scope.cat(List.of(embed(scope, sequences[b], 0, padding[b]), embeds), 1);
                }
                rows.add(row);
            }
            return batch == 1 ? rows.get(0) : scope.cat(rows, 0);
        }

        private Tensor embed(Scope scope, int[] ids, int from, int to) {
            long[] values = new long[to - from];
            for (int i = from; i < to; i++) {
                values[i - from] = ids[i];
            }
            return model.embedTokens(scope, scope.constant(values, 1, values.length)); // [1, n, hidden_size]
        }

        /** One forward pass over the new positions; the last position's logits of every sequence, flat. */
        private float[] forward(Scope scope, Tensor inputsEmbeds, KvCache cache) {
            int queryLength = inputsEmbeds.dim(1);
            Tensor attentionMask = null;
            Tensor positionIds = null;
            if (padded) {
                int total = cache.seqLength() + queryLength;
                long[] mask = new long[batch * total];
                long[] positions = new long[batch * queryLength];
                for (int b = 0; b < batch; b++) {
                    long ones = 0;
                    for (int j = 0; j < total; j++) {
                        boolean real = j >= padding[b];
                        mask[b * total + j] = real ? 1 : 0;
                        ones += real ? 1 : 0;
                        int q = j - cache.seqLength();
                        if (q >= 0) {
                            // position_ids = attention_mask.cumsum(-1) - 1, masked_fill_(attention_mask == 0, 1)
                            positions[b * queryLength + q] = real ? ones - 1 : 1;
                        }
                    }
                }
                attentionMask = scope.constant(mask, batch, total); // [batch, past + seq_len]
                positionIds = scope.constant(positions, batch, queryLength); // [batch, seq_len]
            }
            Tensor logits = model.forward(scope, inputsEmbeds, attentionMask, positionIds, cache, 1); // [batch, 1, vocab_size]
            return logits.toHost().toFloats();
        }

        /** Processes each sequence's scores, picks its token, records and streams it; returns the tokens. */
        private int[] choose(float[] logits) {
            int vocab = model.vocabSize();
            int[] next = new int[batch];
            for (int b = 0; b < batch; b++) {
                if (finished[b] != null) {
                    next[b] = padTokenId;
                    continue;
                }
                float[] scores = Arrays.copyOfRange(logits, b * vocab, (b + 1) * vocab);
                if (!processors.processors().isEmpty()) {
                    processors.process(Arrays.copyOf(sequences[b], length), scores);
                }
                next[b] = sampler.next(scores);
            }
            for (int b = 0; b < batch; b++) {
                sequences[b][length] = next[b];
                if (finished[b] != null) {
                    continue;
                }
                generated.get(b).add(next[b]);
                int before = texts[b].length();
                String piece = streams[b].push(next[b]);
                texts[b].append(piece);
                if (eosTokenIds.contains(next[b])) {
                    finished[b] = FinishReason.STOP;
                } else if (!stopStrings.isEmpty() && stopStrings.completes(texts[b], before)) {
                    finished[b] = FinishReason.STOP_STRING;
                } else if (generated.get(b).size() == maxNewTokens) {
                    finished[b] = FinishReason.LENGTH;
                }
                if (finished[b] != null) {
                    String rest = streams[b].flush();
                    texts[b].append(rest);
                    piece += rest;
                }
                if (!piece.isEmpty()) {
                    onText.accept(b, piece);
                }
            }
            length++;
            return next;
        }

        private boolean allFinished() {
            for (FinishReason f : finished) {
                if (f == null) {
                    return false;
                }
            }
            return true;
        }
    }
}
