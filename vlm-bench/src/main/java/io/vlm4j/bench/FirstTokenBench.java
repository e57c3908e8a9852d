package io.vlm4j.bench;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.model.KvCache;
import io.vlm4j.models.llavaonevision.LlavaOnevisionForConditionalGeneration;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoModel;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.runtime.Registries;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.checkpoint.CheckpointWriter;
import io.vlm4j.testkit.checkpoint.DecoderSpec;
import io.vlm4j.testkit.checkpoint.VisionSpec;
import io.vlm4j.testkit.checkpoint.VlmSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * Time to first token of LLaVA-OneVision-0.5B for one 16-frame video prompt on the DJL backend, split by stage,
 * on a random-weight checkpoint at the real dimensions ({@link VlmSpec#llavaOnevision05b()}: Qwen2 hidden 896,
 * 24 layers, 14 heads, 2 KV heads, intermediate 4864, vocab 151936, tied; SigLIP-384/14 hidden 1152, 26 layers,
 * intermediate 4304, 16 heads; the real preprocessor settings and vocabulary), written in BF16 by the testkit's
 * checkpoint writer at the first run (into {@code java.io.tmpdir}, reused after). The prompt is the golden
 * {@code cat_pan.mp4} at 16 uniform frames and a question: 16 × 196 pooled features + 1 newline, 3,154 tokens.
 *
 * <p>One op is the processed prompt to its first token, as {@code VisionLanguageModel.inputsEmbeds} and the
 * prefill run it, in three timed stages:
 * <ul>
 *   <li>{@code vision}: the 16 frames through SigLIP ({@code hidden_states[-1]}),</li>
 *   <li>{@code projector}: the projector, 2x2 bilinear pooling per frame and the video's newline,</li>
 *   <li>{@code prefill}: the merge into the text embeddings and the Qwen2 forward pass over the whole prompt into a
 *       KV cache, to the first token's logits and its argmax.</li>
 * </ul>
 * Pixel preprocessing is not included ({@code PreprocessingBench} measures it). An op takes tens of seconds, so
 * each 1-second iteration holds exactly one: the primary score is ops/s (time to first token = 1 / score) and the
 * secondary counters are that op's per-stage seconds ({@code *Seconds}) and the rate its matrix products reach
 * ({@code *Gflops}), to hold against the machine's ~470 GFLOPS fp32 GEMM. FLOPs are counted analytically (2 per
 * multiply-add; eager attention's full {@code L²} scores, as it computes them before the causal mask).
 *
 * <p>Run ({@code -p threads=1} runs PyTorch on one thread, often faster on a shared machine):
 * <pre>
 * ./mvnw -B -q -pl vlm-bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * OPT_OUT_TRACKING=true java -cp vlm-bench/target/classes:$(cat vlm-bench/target/classpath.txt) \
 *     org.openjdk.jmh.Main FirstTokenBench
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Xmx3g"})
public class FirstTokenBench {
    /** Frames of the video prompt. */
    static final int FRAMES = 16;

    /** The model and the processed prompt, made once per fork. */
    @State(org.openjdk.jmh.annotations.Scope.Benchmark)
    public static class Model {
        /** PyTorch intra-op threads; 0 for its default (one per core). */
        @Param({"0"})
        public int threads;

        Backend backend;
        LlavaOnevisionForConditionalGeneration model;
        BatchFeature batch;
        Scope inputs;
        /** pixel_values_videos as frames, {@code [frames, 3, 384, 384]}. */
        Tensor frames;
        KvCache cache;
        long visionFlops;
        long projectorFlops;
        long prefillFlops;

        @Setup(Level.Trial)
        public void load() throws IOException {
            VlmSpec spec = VlmSpec.llavaOnevision05b();
            Path dir = BenchCheckpoints.cached("llava-onevision-0.5b-bf16-seed1",
                    d -> CheckpointWriter.writeVlm(d, spec, DType.BF16, 1));
            Registries registries = Registries.defaults();
            backend = registries.backends().find("djl").orElseThrow().create(new BackendOptions("cpu", threads));
            model = (LlavaOnevisionForConditionalGeneration) AutoModel.fromPretrained(dir, backend, registries);
            Conversation conversation = Conversation.of(Message.user(
                    Content.video(GoldenData.golden().resolve("videos/cat_pan.mp4")),
                    Content.text("Describe what is happening in this video.")));
            try (Processor processor = AutoProcessor.fromPretrained(dir, registries)) {
                batch = processor.apply(conversation, ChatOptions.defaults()
                        .withFrameSampling(FrameSampling.uniform(FRAMES)));
            }
            inputs = model.newScope();
            Tensor pixels = inputs.upload(batch.get(BatchFeature.PIXEL_VALUES_VIDEOS)); // [1, frames, 3, 384, 384]
            frames = inputs.reshape(pixels, FRAMES, 3, pixels.dim(3), pixels.dim(4)); // [frames, 3, 384, 384]
            cache = model.newCache(inputs, 1, batch.sequenceLength() + 1);

            VisionSpec v = spec.vision();
            DecoderSpec t = spec.text();
            long n = v.numPatches();
            visionFlops = FRAMES * (2L * n * v.hiddenSize() * 3 * v.patchSize() * v.patchSize()
                    + v.numHiddenLayers() * (8L * n * v.hiddenSize() * v.hiddenSize()
                            + 4L * n * v.hiddenSize() * v.intermediateSize() + 4L * n * n * v.hiddenSize()));
            projectorFlops = FRAMES * n * (2L * v.hiddenSize() * t.hiddenSize() + 2L * t.hiddenSize() * t.hiddenSize());
            long l = batch.sequenceLength();
            long kv = (long) t.numKeyValueHeads() * t.headDim();
            prefillFlops = t.numHiddenLayers() * (2 * l * (2L * t.hiddenSize() * t.hiddenSize()
                    + 2L * t.hiddenSize() * kv + 3L * t.hiddenSize() * t.intermediateSize())
                    + 4 * l * l * t.hiddenSize()) + 2L * t.hiddenSize() * t.vocabSize();
            System.out.printf("prompt: %d tokens, %d video features; GFLOP per op: vision %.1f, projector %.2f,"
                    + " prefill %.1f%n", l, batch.media().get(0).tokenCount(), visionFlops / 1e9,
                    projectorFlops / 1e9, prefillFlops / 1e9);
        }

        @TearDown(Level.Trial)
        public void close() {
            model.close();
            backend.close();
        }
    }

    /** The last op's stages: seconds and GFLOPS (one op per iteration, so the iteration's sums are the op's). */
    @State(org.openjdk.jmh.annotations.Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Stages {
        public double visionSeconds;
        public double projectorSeconds;
        public double prefillSeconds;
        public double visionGflops;
        public double projectorGflops;
        public double prefillGflops;

        @Setup(Level.Iteration)
        public void clear() {
            visionSeconds = 0;
            projectorSeconds = 0;
            prefillSeconds = 0;
            visionGflops = 0;
            projectorGflops = 0;
            prefillGflops = 0;
        }
    }

    /** Vision, projector and pooling, merge and prefill: the processed prompt to its first token. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void timeToFirstToken(Model m, Stages stages, Blackhole bh) {
        m.cache.crop(0);
        try (Scope step = m.inputs.newScope()) {
            long t0 = System.nanoTime();
            Tensor selected = m.model.visionTower().hiddenStates(step, m.frames,
                    m.model.config().visionFeatureLayer()).get(0); // [frames, 729, 1152]
            long t1 = System.nanoTime();
            Tensor features = m.model.multiModalProjector().forward(step, selected); // [frames, 729, 896]
            features = m.model.applyPooling(step, features); // [frames, 196, 896]
            int dim = features.dim(2);
            features = step.reshape(features, -1, dim); // [frames * 196, 896]
            Tensor videoFeatures = step.cat(List.of(features, step.reshape(m.model.imageNewline(), 1, dim)), 0); // [frames * 196 + 1, 896]
            long t2 = System.nanoTime();
            Tensor inputsEmbeds = m.model.inputsEmbeds(step, m.batch, List.of(videoFeatures)); // [1, L, 896]
            Tensor logits = m.model.forward(step, inputsEmbeds, null, null, m.cache, 1); // [1, 1, vocab]
            bh.consume(step.argmax(logits, -1).toHost());
            long t3 = System.nanoTime();
            stages.visionSeconds += (t1 - t0) / 1e9;
            stages.projectorSeconds += (t2 - t1) / 1e9;
            stages.prefillSeconds += (t3 - t2) / 1e9;
            stages.visionGflops += m.visionFlops / (double) (t1 - t0);
            stages.projectorGflops += m.projectorFlops / (double) (t2 - t1);
            stages.prefillGflops += m.prefillFlops / (double) (t3 - t2);
        }
    }
}
