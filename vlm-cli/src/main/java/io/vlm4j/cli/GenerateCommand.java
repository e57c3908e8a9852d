package io.vlm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlm4j.chat.Conversation;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoConfig;
import io.vlm4j.runtime.AutoModel;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.runtime.ForwardingVisionLanguageModel;
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
import java.util.Map;
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
        footer = {"", MessagesOptions.MEDIA_FOOTER,
                "With --json the last stdout line is {\"prompt_length\":…, \"new_token_ids\":[…], \"text\":\"…\", "
                        + "\"finish_reason\":\"…\"}.",
                "Exit codes: 0 ok, 2 bad usage, 3 bad input (mismatched media, bad files), 4 unavailable "
                        + "(backend, model), 5 internal."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MessagesOptions request;

    @Mixin
    ModelOptions engine;

    @Mixin
    GenerationOptions generation;

    @ArgGroup(exclusive = true, multiplicity = "1")
    GenerationOptions.Decoding decoding;

    @Option(names = "--json", description = "End stdout with the result as one JSON line instead of streaming text.")
    boolean json;

    @Option(names = "--logits-out", paramLabel = "OUT.safetensors",
            description = "Write the logits of the prompt's last position (tensor logits_last, float32 [vocab]).")
    Path logitsOut;

    @Override
    public Integer call() {
        ChatOptions chatOptions = request.chatOptions();
        Options options = engine.options(request.videoFrames.sampling());
        Conversation conversation = request.conversation();
        GenerationConfig config = generation.over(AutoConfig.generationConfig(request.model), decoding);
        PrintWriter out = spec.commandLine().getOut();
        try (Processor processor = AutoProcessor.fromPretrained(request.model);
                VisionLanguageModel vlm = AutoModel.fromPretrained(request.model, options)) {
            BatchFeature batch = processor.apply(conversation, chatOptions);
            PromptLogits recorder = new PromptLogits(vlm);
            Generation loop = new Generation(recorder, Detokenizer.of(processor.tokenizer()));
            Prompt prompt = Prompt.of(batch.ids(0), scope -> vlm.inputsEmbeds(scope, batch));
            Consumer<String> pieces = json ? piece -> { } : piece -> {
                out.print(piece);
                out.flush();
            };
            GenerationResult result = loop.generate(prompt, config, pieces);
            if (logitsOut != null) {
                SafeTensorsWriter.write(logitsOut, Map.of("logits_last",
                        HostTensor.ofFloats(recorder.logitsLast(), vlm.vocabSize())));
            }
            out.println(json ? json(result) : "");
            spec.commandLine().getErr().println(GenerationOptions.summary(result));
        }
        return ExitCodes.OK;
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
     * (the forward pass over an empty cache). One per generation; the caller closes the model.
     */
    private static final class PromptLogits extends ForwardingVisionLanguageModel {
        private float[] logitsLast;

        PromptLogits(VisionLanguageModel model) {
            super(model);
        }

        /** The prefill's last logits, {@code [vocab_size]}. */
        float[] logitsLast() {
            return logitsLast;
        }

        @Override
        public Tensor forward(Scope scope, Tensor inputsEmbeds, Tensor attentionMask, Tensor positionIds,
                KvCache pastKeyValues, int numLogitsToKeep) {
            boolean prefill = pastKeyValues == null || pastKeyValues.seqLength() == 0;
            Tensor logits = super.forward(scope, inputsEmbeds, attentionMask, positionIds, pastKeyValues,
                    numLogitsToKeep); // [batch, kept, vocab_size]
            if (prefill) {
                int kept = logits.dim(1);
                logitsLast = scope.slice(logits, 1, kept - 1, kept).toHost().toFloats(); // [vocab_size]
            }
            return logits;
        }

        @Override
        public void close() {
            // the caller closes the model
        }
    }
}
