package io.vlm4j.bench;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.config.ModelConfigs;
import io.vlm4j.config.Qwen2Config;
import io.vlm4j.model.KvCache;
import io.vlm4j.model.Weights;
import io.vlm4j.models.qwen2.Qwen2ForCausalLM;
import io.vlm4j.runtime.Registries;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.testkit.checkpoint.CheckpointWriter;
import io.vlm4j.testkit.checkpoint.DecoderSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Qwen2 decoder on the DJL backend at the real dimensions of LLaVA-OneVision-0.5B's text model (hidden 896,
 * 24 layers, 14 heads, 2 KV heads, intermediate 4864, vocab 151936, tied embeddings; 494 M parameters), with random
 * BF16 weights that {@link CheckpointWriter} writes at the first run (into {@code java.io.tmpdir}, reused after):
 * prefill time of 512 and 3,200 tokens, decode tokens/s at those contexts, and the weight bytes that decode reads
 * per second (every float32 weight once per token, the tied embedding as the LM head) against the machine's
 * memory bandwidth.
 *
 * <p>Run:
 * <pre>
 * ./mvnw -B -q -pl vlm-bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * OPT_OUT_TRACKING=true java -cp vlm-bench/target/classes:$(cat vlm-bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main DecoderBench
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx3g"})
public class DecoderBench {

    /** The model, loaded once per fork. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Model {
        /** PyTorch intra-op threads; 0 for its default (one per core). */
        @Param({"0"})
        public int threads;

        Backend backend;
        Qwen2ForCausalLM model;
        /** Bytes of float32 weights one decode step reads. */
        long weightBytes;

        @Setup(Level.Trial)
        public void load() throws IOException {
            DecoderSpec spec = DecoderSpec.llavaOnevision05b();
            Path dir = BenchCheckpoints.cached("qwen2-0.5b-bf16-seed1",
                    d -> CheckpointWriter.writeDecoder(d, spec, DType.BF16, 1));
            backend = Registries.defaults().backends().find("djl").orElseThrow()
                    .create(new BackendOptions("cpu", threads));
            Qwen2Config config = (Qwen2Config) ModelConfigs.parse(ConfigNode.read(dir.resolve("config.json")));
            try (SafeTensors file = SafeTensors.open(dir)) {
                model = Qwen2ForCausalLM.load(config, Weights.of(file, backend.newScope()));
            }
            weightBytes = spec.parameterCount() * Float.BYTES;
        }

        @TearDown(Level.Trial)
        public void close() {
            model.close();
            backend.close();
        }
    }

    /** A prompt of {@code context} random tokens and a cache for it. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Context {
        @Param({"512", "3200"})
        public int context;

        Scope generation;
        Tensor inputIds;
        KvCache cache;

        @Setup(Level.Trial)
        public void prepare(Model m) {
            generation = m.model.newScope();
            SplittableRandom random = new SplittableRandom(3);
            long[] ids = new long[context];
            for (int i = 0; i < context; i++) {
                ids[i] = random.nextInt(m.model.vocabSize());
            }
            inputIds = generation.constant(ids, 1, context);
            cache = m.model.newCache(generation, 1, context + 1);
        }

        @TearDown(Level.Trial)
        public void close() {
            generation.close();
        }
    }

    /** A cache already filled with {@code context} tokens, for decode steps. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Filled {
        @Setup(Level.Trial)
        public void fill(Model m, Context c) {
            prefill(m, c);
        }
    }

    /** Weight bytes read, reported per second next to the decode rate. */
    @State(org.openjdk.jmh.annotations.Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        public long weightBytes;
    }

    private static float[] prefill(Model m, Context c) {
        c.cache.crop(0);
        try (Scope step = c.generation.newScope()) {
            Tensor inputsEmbeds = m.model.embedTokens(step, c.inputIds); // [1, context, hidden_size]
            return m.model.forward(step, inputsEmbeds, null, null, c.cache, 1).toHost().toFloats();
        }
    }

    /** The whole prompt through the decoder into the cache, to the first token's logits. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public void prefill(Model m, Context c, Blackhole bh) {
        bh.consume(prefill(m, c));
    }

    /** One new token at position {@code context}: embed, 24 layers over the cache, LM head, logits to the JVM. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 4, time = 5)
    public void decode(Model m, Context c, Filled filled, Traffic traffic, Blackhole bh) {
        c.cache.crop(c.context);
        try (Scope step = c.generation.newScope()) {
            Tensor token = step.constant(new long[] {42}, 1, 1);
            Tensor inputsEmbeds = m.model.embedTokens(step, token); // [1, 1, hidden_size]
            bh.consume(m.model.forward(step, inputsEmbeds, null, null, c.cache, 1).toHost().toFloats());
        }
        traffic.weightBytes += m.weightBytes;
    }
}
