package io.vlm4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.vlm4j.runtime.Registries;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one small operation (an add of two {@code [1, 1, 896]} tensors, a decode step's hidden state): through
 * the tensor SPI on the djl backend (result wrapped, owned by a scope, freed with it), against DJL's own JNI call
 * with its result closed at once, and PyTorch's in-place add. A decode step of the 24-layer decoder makes about 630
 * SPI calls (26 a layer), which run about 1,600 PyTorch ops. Run as {@link DecoderBench} says, with {@code TensorOpBench}.
 */
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class TensorOpBench {
    private Backend backend;
    private Scope weights;
    private Tensor x;
    private PtNDManager manager;
    private PtNDArray raw;
    private Scope step;
    private int made;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Registries.defaults().backends().find("djl").orElseThrow().create(new BackendOptions("cpu", 1));
        weights = backend.newScope();
        x = weights.full(1f, 1, 1, 896);
        manager = (PtNDManager) Engine.getEngine("PyTorch").newBaseManager();
        raw = (PtNDArray) manager.ones(new Shape(1, 1, 896));
        step = weights.newScope();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        backend.close();
    }

    /** {@code scope.add(x, x)}; every 1,000 results the step scope is closed and a new one made. */
    @Benchmark
    public Tensor spiAdd() {
        if (++made == 1000) {
            step.close();
            step = weights.newScope();
            made = 0;
        }
        return step.add(x, x);
    }

    /** DJL's {@code JniUtils.add} and closing its result. */
    @Benchmark
    public void djlAdd() {
        JniUtils.add(raw, raw).close();
    }

    /** PyTorch's in-place {@code add_}: no allocation, no result handle. */
    @Benchmark
    public void djlAddInPlace() {
        JniUtils.addi(raw, raw);
    }
}
