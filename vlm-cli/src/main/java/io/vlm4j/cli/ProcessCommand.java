package io.vlm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Conversation;
import io.vlm4j.processing.AnyresLayout;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.safetensors.SafeTensorsWriter;
import io.vlm4j.tensor.HostTensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vlm process}: runs a checkpoint's processor on HF chat messages, as HF's
 * {@code processor.apply_chat_template} then {@code processor(text=…, images=…, videos=…)} do, and writes the
 * {@link BatchFeature} tensors under HF's names and dtypes (int64 ids and masks, float32 pixels) to a safetensors
 * file; optionally the rendered prompt (before media expansion), byte for byte. Prints the shapes and each media
 * item's numbers as one JSON object on stdout. A stable contract: scripts depend on it.
 */
@Command(name = "process",
        mixinStandardHelpOptions = true,
        description = "Process chat messages with a checkpoint's processor (chat template, tokenizer, image and "
                + "video processors, placeholder expansion) and write HF's BatchFeature tensors to safetensors.",
        footer = {"", MessagesOptions.MEDIA_FOOTER,
                "Exit codes: 0 ok, 2 bad usage, 3 bad input (mismatched media, bad files), 4 unavailable, "
                        + "5 internal."})
public final class ProcessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MessagesOptions request;

    @Option(names = "--out", required = true, paramLabel = "OUT.safetensors", description = "Where to write the tensors.")
    Path out;

    @Option(names = "--prompt-out", paramLabel = "PROMPT.txt",
            description = "Where to write the rendered prompt (before media expansion), UTF-8, byte for byte.")
    Path promptOut;

    @Override
    public Integer call() {
        ChatOptions options = request.chatOptions();
        Conversation conversation = request.conversation();
        BatchFeature batch;
        try (Processor processor = AutoProcessor.fromPretrained(request.model)) {
            batch = processor.apply(conversation, options);
        }
        SafeTensorsWriter.write(out, batch.tensors());
        if (promptOut != null) {
            try {
                Files.write(promptOut, batch.prompts().get(0).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new VlmException(ErrorCode.NOT_FOUND, promptOut + ": cannot write the prompt: " + e.getMessage(),
                        e);
            }
        }
        spec.commandLine().getOut().println(json(batch));
        return ExitCodes.OK;
    }

    /** The tensors' shapes and each media item's numbers. */
    static String json(BatchFeature batch) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        ObjectNode tensors = o.putObject("tensors");
        for (Map.Entry<String, HostTensor> e : batch.tensors().entrySet()) {
            ObjectNode t = tensors.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype().safetensorsName());
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) {
                shape.add(d);
            }
        }
        ArrayNode media = o.putArray("media");
        for (MediaItem m : batch.media()) {
            ObjectNode item = media.addObject();
            item.put("kind", m.kind().word());
            item.put("batch_index", m.batchIndex());
            item.put("index", m.index());
            item.put("source_index", m.sourceIndex());
            item.putArray("original_size").add(m.originalSize().height()).add(m.originalSize().width());
            item.putArray("processed_size").add(m.processedSize().height()).add(m.processedSize().width());
            item.put("patches", m.patches());
            item.put("frames", m.frames());
            AnyresLayout a = m.anyres();
            if (a != null) {
                ObjectNode anyres = item.putObject("anyres");
                anyres.putArray("best_resolution").add(a.bestResolution().height()).add(a.bestResolution().width());
                anyres.putArray("tiles").add(a.tiles().rows()).add(a.tiles().cols());
                anyres.putArray("tile_features").add(a.tileFeatures().rows()).add(a.tileFeatures().cols());
                anyres.putArray("unpadded").add(a.unpadded().rows()).add(a.unpadded().cols());
                anyres.putArray("packed").add(a.packed().rows()).add(a.packed().cols());
            }
            item.put("token_id", m.tokenId());
            item.put("token_count", m.tokenCount());
            item.put("token_offset", m.tokenOffset());
        }
        return o.toString();
    }
}
