package io.vlm4j.testkit.checkpoint;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.safetensors.SafeTensorsWriter;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random-weight HF checkpoint folder: {@code config.json} and the parameters as safetensors shards
 * ({@code model-0000i-of-0000n.safetensors} with {@code model.safetensors.index.json}, as {@code save_pretrained}
 * shards), in F32, F16 or BF16. Values are seeded, so a checkpoint is the same on every run; only one shard is held
 * in memory at a time. Stateless and thread-safe.
 */
public final class CheckpointWriter {
    /** HF's {@code initializer_range} default: the spread of random weights. */
    public static final double INITIALIZER_RANGE = 0.02;
    /** Shards at most this large, unless one tensor is larger. */
    public static final long SHARD_BYTES = 256L * 1024 * 1024;

    private CheckpointWriter() {}

    /** The files of a checkpoint folder that make its tokenizer and chat template. */
    public static final List<String> TOKENIZER_FILES = List.of("vocab.json", "merges.txt", "tokenizer.model",
            "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
            "chat_template.json");

    /** Writes a decoder alone ({@code LlamaForCausalLM} / {@code Qwen2ForCausalLM}). */
    public static void writeDecoder(Path dir, DecoderSpec spec, DType dtype, long seed) {
        write(dir, spec.config(), spec.parameters(""), dtype, seed);
    }

    /**
     * Writes a whole vision-language checkpoint: config.json, the weights as shards, processor_config.json and
     * preprocessor_config.json (the spec's, else {@code filesFrom}'s), and the tokenizer files and chat template of
     * {@code filesFrom} ({@link #TOKENIZER_FILES}, those it has). No generation_config.json: HF derives it from
     * config.json.
     *
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public static void writeVlm(Path dir, VlmSpec spec, DType dtype, long seed) {
        write(dir, spec.configJson(), spec.parameters(), dtype, seed);
        try {
            writeOrCopy(dir, "processor_config.json", spec.processorConfig(), spec.filesFrom());
            writeOrCopy(dir, "preprocessor_config.json", spec.preprocessorConfig(), spec.filesFrom());
            for (String file : TOKENIZER_FILES) {
                Path from = spec.filesFrom().resolve(file);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + dir, e);
        }
    }

    private static void writeOrCopy(Path dir, String file, Map<String, Object> json, Path from) throws IOException {
        if (json != null) {
            Files.writeString(dir.resolve(file), ConfigNode.of(json, file).toJson());
        } else if (Files.isRegularFile(from.resolve(file))) {
            Files.copy(from.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes {@code config} as config.json and {@code parameters} (in order) as shards.
     *
     * @throws UncheckedIOException if the folder cannot be written
     */
    public static void write(Path dir, Map<String, Object> config, List<Parameter> parameters, DType dtype,
            long seed) {
        if (dtype != DType.F32 && dtype != DType.F16 && dtype != DType.BF16) {
            throw new IllegalArgumentException("weights are F32, F16 or BF16, not " + dtype);
        }
        List<List<Parameter>> shards = new ArrayList<>();
        List<Parameter> current = new ArrayList<>();
        long bytes = 0;
        for (Parameter p : parameters) {
            long size = p.numel() * dtype.byteSize();
            if (!current.isEmpty() && bytes + size > SHARD_BYTES) {
                shards.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(p);
            bytes += size;
        }
        if (!current.isEmpty()) {
            shards.add(current);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), ConfigNode.of(config, "config.json").toJson());
            SplittableRandom random = new SplittableRandom(seed);
            Map<String, String> weightMap = new LinkedHashMap<>();
            long total = 0;
            for (int i = 0; i < shards.size(); i++) {
                String file = String.format("model-%05d-of-%05d.safetensors", i + 1, shards.size());
                Map<String, HostTensor> tensors = new LinkedHashMap<>();
                for (Parameter p : shards.get(i)) {
                    tensors.put(p.name(), fill(p, dtype, random));
                    weightMap.put(p.name(), file);
                    total += p.numel() * dtype.byteSize();
                }
                SafeTensorsWriter.write(dir.resolve(file), tensors, Map.of("format", "pt"));
            }
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("metadata", Map.of("total_size", total));
            index.put("weight_map", weightMap);
            Files.writeString(dir.resolve("model.safetensors.index.json"),
                    ConfigNode.of(index, "model.safetensors.index.json").toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + dir, e);
        }
    }

    private static HostTensor fill(Parameter p, DType dtype, SplittableRandom random) {
        int n = Math.toIntExact(p.numel());
        ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(n, dtype.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        double halfWidth = INITIALIZER_RANGE * Math.sqrt(3); // a uniform of this half-width has that deviation
        for (int i = 0; i < n; i++) {
            float v = p.init() == Parameter.Init.ONES ? 1f : p.init() == Parameter.Init.ZEROS ? 0f
                    : (float) ((random.nextDouble() * 2 - 1) * halfWidth);
            switch (dtype) {
                case F32:
                    buf.putFloat(v);
                    break;
                case F16:
                    buf.putShort(toHalf(v));
                    break;
                default:
                    buf.putShort(toBfloat16(v));
            }
        }
        buf.flip();
        return HostTensor.of(dtype, p.shape(), buf);
    }

    /** IEEE binary16 of a finite float, rounded to nearest even (subnormals included, overflow to infinity). */
    static short toHalf(float v) {
        int bits = Float.floatToIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (exp >= 31) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >>> shift;
            int rest = mant & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++; // may carry into the exponent, up to infinity: still correct
        }
        return (short) (sign | half);
    }

    /** Round to nearest even, as {@code torch.Tensor.to(torch.bfloat16)} does for finite values. */
    static short toBfloat16(float v) {
        int bits = Float.floatToIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
