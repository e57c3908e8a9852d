package io.vlm4j.bench;

import io.vlm4j.processors.tokenizer.TokenizerLoader;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.text.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tokenizing a chat prompt of about 2,000 tokens with the Qwen2 vocabulary of the golden llava_onevision model,
 * warm: the Java byte-level BPE (what {@code hf} runs for Qwen2) beside HF tokenizers through DJL on the same
 * tokenizer.json. Both give the same ids (checked at setup). HF's slow Python Qwen2Tokenizer takes 3.1 ms warm
 * (12 ms cold) for 2,000 tokens on the reference machine.
 *
 * <p>Run: {@code java -cp <vlm-bench class path> org.openjdk.jmh.Main TokenizerBench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class TokenizerBench {
    /** The number of tokens the prompt is cut to reach. */
    static final int TARGET_TOKENS = 2000;

    /** The prompt and both tokenizers, shared by all calls. */
    @State(Scope.Benchmark)
    public static class Prompt {
        Tokenizer java;
        Tokenizer hf;
        String text;
        int tokens;

        @Setup(Level.Trial)
        public void setUp() {
            Path model = GoldenData.model("llava_onevision");
            java = TokenizerLoader.load(model);
            hf = TokenizerLoader.load(model, TokenizerLoader.Engine.HF_TOKENIZERS);
            text = prompt(java);
            int[] a = java.encode(text, true);
            int[] b = hf.encode(text, true);
            if (!Arrays.equals(a, b)) {
                throw new IllegalStateException("the engines disagree on the benchmark prompt");
            }
            tokens = a.length;
            System.out.println("# prompt: " + text.length() + " chars, " + tokens + " tokens");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            java.close();
            hf.close();
        }
    }

    /** A chat prompt around the golden README's prose, code and tables, cut at about 2,000 tokens. */
    static String prompt(Tokenizer tokenizer) {
        String readme;
        try {
            readme = Files.readString(GoldenData.golden().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String head = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n";
        String tail = "\nSummarise this document.<|im_end|>\n<|im_start|>assistant\n";
        int lo = 0;
        int hi = readme.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (tokenizer.encode(head + readme.substring(0, mid) + tail, true).length <= TARGET_TOKENS) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return head + readme.substring(0, lo) + tail;
    }

    @Benchmark
    public int[] javaBpe(Prompt p) {
        return p.java.encode(p.text, true);
    }

    @Benchmark
    public int[] hfTokenizers(Prompt p) {
        return p.hf.encode(p.text, true);
    }

    /** A freshly loaded tokenizer per measurement: the first encode, with an empty word cache. */
    @State(Scope.Thread)
    public static class Cold {
        Tokenizer java;
        String text;

        @Setup(Level.Iteration)
        public void setUp() {
            try (Tokenizer sizing = TokenizerLoader.load(GoldenData.model("llava_onevision"))) {
                text = prompt(sizing);
            }
            java = TokenizerLoader.load(GoldenData.model("llava_onevision"));
        }

        @TearDown(Level.Iteration)
        public void tearDown() {
            java.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public int[] javaBpeCold(Cold c) {
        return c.java.encode(c.text, true);
    }
}
