package io.vlm4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.MemoryUsage;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Native memory is freed when tensors and scopes close: the backend's accounting and the process's RSS show it. */
class DjlScopeTest {
    private Backend backend;

    @BeforeEach
    void createBackend() {
        backend = new DjlBackendProvider().create(BackendOptions.cpu());
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void closingAScopeFreesEveryTensorMadeInIt() {
        MemoryUsage before = backend.memoryUsage();
        Scope scope = backend.newScope();
        Tensor a = scope.zeros(DType.F32, 10, 10);
        Tensor b = scope.add(a, 1);
        scope.matmul(a, b);
        assertThat(backend.memoryUsage().liveTensors()).isEqualTo(before.liveTensors() + 3);
        assertThat(backend.memoryUsage().liveBytes()).isEqualTo(before.liveBytes() + 3 * 400);
        scope.close();
        assertThat(backend.memoryUsage()).isEqualTo(before);
        assertThat(a.isClosed()).isTrue();
        assertThat(b.isClosed()).isTrue();
    }

    @Test
    void closingATensorFreesItAtOnceAndTwiceIsHarmless() {
        try (Scope scope = backend.newScope()) {
            MemoryUsage before = backend.memoryUsage();
            Tensor t = scope.full(2f, 1000);
            t.close();
            t.close();
            assertThat(backend.memoryUsage()).isEqualTo(before);
        }
    }

    @Test
    void intermediatesOfCompositeOperationsAreFreedBeforeTheyReturn() {
        try (Scope scope = backend.newScope()) {
            Tensor x = scope.full(0.5f, 1, 2, 3, 8);
            Tensor w = scope.full(1f, 8);
            MemoryUsage before = backend.memoryUsage();
            scope.rmsNorm(x, w, 1e-6);
            scope.geluTanh(x);
            scope.scaledDotProductAttention(x, x, x, null, 0.3);
            scope.applyRotaryPosEmb(scope.reshape(x, 1, 2, 3, 8), scope.rotaryCosSin(scope.rotaryInvFreq(8, 10000, 1),
                    scope.constant(new long[] {0, 1, 2}, 1, 3)));
            // each call leaves its result only (rotary: inv_freq, positions, reshape, cos, sin and the result)
            assertThat(backend.memoryUsage().liveTensors()).isEqualTo(before.liveTensors() + 3 + 6);
        }
    }

    @Test
    void closingAParentScopeClosesItsChildren() {
        MemoryUsage before = backend.memoryUsage();
        Scope parent = backend.newScope();
        Scope child = parent.newScope();
        Scope grandChild = child.newScope();
        Tensor t = grandChild.zeros(DType.F32, 5);
        parent.close();
        assertThat(child.isClosed()).isTrue();
        assertThat(grandChild.isClosed()).isTrue();
        assertThat(t.isClosed()).isTrue();
        assertThat(backend.memoryUsage()).isEqualTo(before);
        assertThatThrownBy(() -> grandChild.zeros(DType.F32, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resultsBelongToTheScopeTheOperationRanOnWhateverTheOperandsScopes() {
        try (Scope weights = backend.newScope()) {
            Tensor w = weights.full(1f, 4, 4);
            Scope step = weights.newScope();
            Tensor x = step.full(2f, 1, 4);
            Tensor y = step.linear(x, w, null);
            Tensor z = step.mul(w, 3);
            assertThat(y.scope()).isSameAs(step);
            assertThat(z.scope()).isSameAs(step);
            step.close();
            assertThat(z.isClosed()).isTrue();
            assertThat(w.isClosed()).isFalse();
        }
    }

    @Test
    void aMovedTensorOutlivesTheScopeThatMadeIt() {
        try (Scope outer = backend.newScope()) {
            Tensor kept;
            try (Scope step = outer.newScope()) {
                kept = step.full(7f, 3).moveTo(outer);
                step.full(1f, 3);
            }
            assertThat(kept.isClosed()).isFalse();
            assertThat(kept.scope()).isSameAs(outer);
            assertThat(kept.toHost().toFloats()).containsExactly(7f, 7f, 7f);
        }
    }

    @Test
    void closingTheBackendClosesEveryScope() {
        Backend other = new DjlBackendProvider().create(BackendOptions.cpu());
        Scope scope = other.newScope();
        Tensor t = scope.zeros(DType.F32, 3);
        other.close();
        assertThat(scope.isClosed()).isTrue();
        assertThat(t.isClosed()).isTrue();
        assertThat(other.memoryUsage()).isEqualTo(new MemoryUsage(0, 0));
        assertThatThrownBy(other::newScope).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void residentMemoryReturnsWhenALargeTensorIsClosed() throws IOException {
        Path statm = Path.of("/proc/self/statm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(statm), "needs Linux /proc");
        long before = residentBytes(statm);
        long size = 512L * 1024 * 1024;
        try (Scope scope = backend.newScope()) {
            // zeros writes every page: the allocation is resident
            scope.zeros(DType.F32, (int) (size / 4));
            assertThat(residentBytes(statm)).isGreaterThan(before + size * 9 / 10);
        }
        assertThat(residentBytes(statm)).isLessThan(before + size / 10);
    }

    private static long residentBytes(Path statm) throws IOException {
        String[] fields = Files.readString(statm).trim().split("\\s+");
        return Long.parseLong(fields[1]) * 4096;
    }
}
