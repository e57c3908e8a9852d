package io.vlm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Conversation;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.model.CausalLanguageModel;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoConfig;
import io.vlm4j.runtime.AutoModel;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.runtime.Options;
import io.vlm4j.runtime.generation.Detokenizer;
import io.vlm4j.runtime.generation.Generation;
import io.vlm4j.runtime.generation.Prompt;
import io.vlm4j.safetensors.SafeTensorsWriter;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vlm generate}: the whole path of one request on a checkpoint — its processor on HF chat messages (as
 * {@code vlm process}), its model on a backend, the generation loop — streaming the new text to stdout, or, with
 * {@code --json}, ending stdout with one JSON line {@code {"prompt_length", "new_token_ids", "text",
 * "finish_reason"}} (text decoded with special tokens skipped). {@code --logits-out} writes the logits of the
 * prompt's last position (tensor {@code logits_last}, float32 {@code [vocab]}). A stable contract: scripts depend
 * on it.
 */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = "Answer HF chat messages with a checkpoint: processor, model and generation, streaming the "
                + "new text to stdout.",
        footer = {"", "Media items of the messages carry a \"path\" (relative to the messages file) or a \"url\". "
                + "Each --video-frames file (tensor 'frames' uint8 [T,H,W,3], optionally 'indices' int64 [T]) "
                + "supplies the decoded frames of the next video item, in message order, instead of decoding it.",
                "With --json the last stdout line is {\"prompt_length\":…, \"new_token_ids\":[…], \"text\":\"…\", "
                        + "\"finish_reason\":\"…\"}.",
                "Exit codes: 0 ok, 2 bad usage, 3 bad input (mismatched media, bad files), 4 unavailable "
                        + "(backend, model), 5 internal."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The checkpoint folder.")
    Path model;

    @Option(names = "--messages", required = true, paramLabel = "M.json", description = "HF chat messages.")
    Path messages;

    @Mixin
    VideoFrameOptions videoFrames;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend (djl, …); default: the available one of the highest priority.")
    String backend;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu, cuda or cuda:N (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Compute threads; 0 for the engine's default.")
    int threads;

    @Option(names = "--max-new-tokens", paramLabel = "N",
            description = "The most tokens to generate (default: the checkpoint's generation config).")
    Integer maxNewTokens;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decoding decoding;

    /** {@code --greedy} or sampling. */
    static final class Decoding {
        @Option(names = "--greedy", required = true, description = "Take the most likely token at each step.")
        boolean greedy;

        @ArgGroup(exclusive = false)
        Sampling sampling;
    }

    /** {@code --temperature T [--top-p P] [--top-k K] [--seed S]}. */
    static final class Sampling {
        @Option(names = "--temperature", required = true, paramLabel = "T", description = "Sample at temperature T.")
        double temperature;

        @Option(names = "--top-p", paramLabel = "P", description = "Nucleus sampling (default: the checkpoint's).")
        Double topP;

        @Option(names = "--top-k", paramLabel = "K", description = "Top-k sampling (default: the checkpoint's).")
        Integer topK;

        @Option(names = "--seed", paramLabel = "S", description = "The sampler's seed (default: random).")
        Long seed;
    }

    @Option(names = "--json", description = "End stdout with the result as one JSON line instead of streaming text.")
    boolean json;

    @Option(names = "--logits-out", paramLabel = "OUT.safetensors",
            description = "Write the logits of the prompt's last position (tensor logits_last, float32 [vocab]).")
    Path logitsOut;

    @Override
    public Integer call() {
        ChatOptions chatOptions = ChatOptions.defaults().withFrameSampling(videoFrames.sampling())
                .withVideoFrames(videoFrames.frames());
        Options options = options();
        Conversation conversation = Conversation.fromJson(ConfigNode.read(messages),
                messages.toAbsolutePath().getParent());
        GenerationConfig config = generationConfig(AutoConfig.generationConfig(model));
        PrintWriter out = spec.commandLine().getOut();
        try (Processor processor = AutoProcessor.fromPretrained(model);
                VisionLanguageModel vlm = AutoModel.fromPretrained(model, options)) {
            BatchFeature batch = processor.apply(conversation, chatOptions);
            PromptLogits recorder = new PromptLogits(vlm);
            Generation generation = new Generation(recorder, Detokenizer.of(processor.tokenizer()));
            Prompt prompt = Prompt.of(batch.ids(0), scope -> vlm.inputsEmbeds(scope, batch));
            Consumer<String> pieces = json ? piece -> { } : piece -> {
                out.print(piece);
                out.flush();
            };
            GenerationResult result = generation.generate(prompt, config, pieces);
            if (logitsOut != null) {
                SafeTensorsWriter.write(logitsOut, Map.of("logits_last",
                        HostTensor.ofFloats(recorder.logitsLast(), vlm.vocabSize())));
            }
            out.println(json ? json(result) : "");
            spec.commandLine().getErr().println(String.format(Locale.ROOT,
                    "vlm: %d prompt tokens, %d new (%s); first token %.0f ms (vision and prefill), %.1f tokens/s",
                    result.promptLength(), result.tokenIds().size(), result.finishReason().wireName(),
                    result.timings().prefillMillis(), result.timings().decodeTokensPerSecond()));
        }
        return ExitCodes.OK;
    }

    private Options options() {
        try {
            return Options.builder().backend(backend).device(device).threads(threads).build();
        } catch (IllegalArgumentException e) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    /** The checkpoint's generation config with the command line's choices over it, as HF's generate kwargs. */
    private GenerationConfig generationConfig(GenerationConfig checkpoint) {
        GenerationConfig config = checkpoint;
        if (maxNewTokens != null) {
            config = config.withMaxNewTokens(maxNewTokens);
        }
        if (decoding.greedy) {
            return config.withDoSample(false);
        }
        Sampling s = decoding.sampling;
        config = config.withDoSample(true).withTemperature(s.temperature);
        if (s.topP != null) {
            config = config.withTopP(s.topP);
        }
        if (s.topK != null) {
            config = config.withTopK(s.topK);
        }
        if (s.seed != null) {
            config = config.withSeed(OptionalLong.of(s.seed));
        }
        return config;
    }

    /** The result line of {@code --json}. */
    static String json(GenerationResult result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("prompt_length", result.promptLength());
        ArrayNode ids = o.putArray("new_token_ids");
        result.tokenIds().forEach(ids::add);
        o.put("text", result.text());
        o.put("finish_reason", result.finishReason().wireName());
        return o.toString();
    }

    /**
     * The model the generation loop drives, keeping the logits of the prompt's last position from the prefill
     * (the forward pass over an empty cache). One per generation.
     */
    private static final class PromptLogits implements CausalLanguageModel {
        private final CausalLanguageModel model;
        private float[] logitsLast;

        PromptLogits(CausalLanguageModel model) {
            this.model = model;
        }

        /** The prefill's last logits, {@code [vocab_size]}. */
        float[] logitsLast() {
            return logitsLast;
        }

        @Override
        public Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds,
                KvCache pastKeyValues, int numLogitsToKeep) {
            boolean prefill = pastKeyValues == null || pastKeyValues.seqLength() == 0;
            Tensor logits = model.forward(scope, inputsEmbeds, attentionMask, positionIds, pastKeyValues,
                    numLogitsToKeep); // [batch, kept, vocab_size]
            if (prefill) {
                int kept = logits.dim(1);
                logitsLast = scope.slice(logits, 1, kept - 1, kept).toHost().toFloats(); // [vocab_size]
            }
            return logits;
        }

        @Override
        public int vocabSize() {
            return model.vocabSize();
        }

        @Override
        public int hiddenSize() {
            return model.hiddenSize();
        }

        @Override
        public int maxPositionEmbeddings() {
            return model.maxPositionEmbeddings();
        }

        @Override
        public Scope newScope() {
            return model.newScope();
        }

        @Override
        public Tensor embedTokens(Scope scope, Tensor inputIds) {
            return model.embedTokens(scope, inputIds);
        }

        @Override
        public KvCache newCache(Scope scope, int batchSize, int maxLength) {
            return model.newCache(scope, batchSize, maxLength);
        }

        @Override
        public void close() {
            // the caller closes the model
        }
    }
}
