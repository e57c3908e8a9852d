package io.vlm4j.backend.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.vlm4j.backend.djl.Reference.Nd;
import io.vlm4j.spi.BackendOptions;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.RotaryCosSin;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.tensor.TopK;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every operation of the tensor SPI on the DJL backend against {@link Reference}, on seeded random inputs. */
class DjlOpsTest {
    /** float32 kernels against a double reference: a few ulps of each element, plus cancellation in sums. */
    private static final double ATOL = 2e-6;
    private static final double RTOL = 2e-5;

    private static Backend backend;
    private Scope scope;
    private SplittableRandom random;

    @BeforeAll
    static void createBackend() {
        backend = new DjlBackendProvider().create(BackendOptions.cpu());
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @BeforeEach
    void openScope() {
        scope = backend.newScope();
        random = new SplittableRandom(42);
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    private Tensor up(Nd x) {
        return scope.constant(x.data(), x.shape());
    }

    private Nd rand(double scale, int... shape) {
        return Reference.random(random, scale, shape);
    }

    private static void assertClose(Tensor actual, Nd expected, String what) {
        assertClose(actual, expected, ATOL, RTOL, what);
    }

    private static void assertClose(Tensor actual, Nd expected, double atol, double rtol, String what) {
        assertThat(actual.shape()).as(what + " shape").containsExactly(expected.shape());
        assertThat(actual.dtype()).as(what + " dtype").isEqualTo(DType.F32);
        float[] got = actual.toHost().toFloats();
        for (int i = 0; i < got.length; i++) {
            float e = expected.data()[i];
            if (!(Math.abs(got[i] - e) <= atol + rtol * Math.abs(e)) && !(got[i] == e)) {
                fail(what + " at " + Arrays.toString(Reference.unravel(i, expected.shape())) + ": got " + got[i]
                        + ", expected " + e);
            }
        }
    }

    private static long[] longs(Tensor t) {
        assertThat(t.dtype()).isEqualTo(DType.I64);
        return t.toHost().toLongs();
    }

    // ---- creation

    @Test
    void uploadsHalfAndBfloat16ExactlyAsFloat32() {
        ByteBuffer half = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        half.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001).flip();
        ByteBuffer bf16 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        bf16.putShort((short) 0x3F80).putShort((short) 0x4049).flip();
        Tensor h = scope.upload(HostTensor.of(DType.F16, new int[] {3}, half));
        Tensor b = scope.upload(HostTensor.of(DType.BF16, new int[] {2}, bf16));
        assertThat(h.dtype()).isEqualTo(DType.F32);
        assertThat(h.toHost().toFloats()).containsExactly(1f, -2f, 5.9604645e-8f);
        assertThat(b.toHost().toFloats()).containsExactly(1f, Float.intBitsToFloat(0x40490000));
    }

    @Test
    void uploadsEveryHalfAndBfloat16BitPatternAsHostTensorUpcastsIt() {
        int n = 2 * 65536 + 5; // more than one conversion chunk
        ByteBuffer bytes = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            bytes.putShort((short) (i * 40503));
        }
        bytes.flip();
        for (DType type : new DType[] {DType.F16, DType.BF16}) {
            HostTensor host = HostTensor.of(type, new int[] {n}, bytes.duplicate());
            float[] expected = host.toFloats();
            float[] got = scope.upload(host).toHost().toFloats();
            for (int i = 0; i < n; i++) {
                if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(expected[i])) {
                    fail(type + " element " + i + ": got bits " + Integer.toHexString(Float.floatToRawIntBits(got[i]))
                            + ", expected " + Integer.toHexString(Float.floatToRawIntBits(expected[i])));
                }
            }
        }
    }

    @Test
    void largeTensorsUploadInBlocksOfRows() {
        Nd x = rand(1, 7, 3, 5);
        HostTensor host = HostTensor.ofFloats(x.data(), x.shape());
        // 2 rows of 15 floats per 128-byte block: blocks of rows 0-1, 2-3, 4-5 and 6
        Tensor blocked = ((DjlScope) scope).upload(host, 128);
        assertThat(blocked.shape()).containsExactly(7, 3, 5);
        assertThat(blocked.toHost().toFloats()).containsExactly(x.data());
        HostTensor longs = HostTensor.ofLongs(new long[] {1, 2, 3, 4, 5}, 5);
        assertThat(((DjlScope) scope).upload(longs, 8).toHost().toLongs()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void uploadsIntegersAsInt64AndKeepsBooleans() {
        Tensor i = scope.upload(HostTensor.ofInts(new int[] {7, -3}, 2));
        Tensor flags = scope.upload(HostTensor.of(DType.BOOL, new int[] {3}, ByteBuffer.wrap(new byte[] {1, 0, 1})));
        assertThat(i.dtype()).isEqualTo(DType.I64);
        assertThat(i.toHost().toLongs()).containsExactly(7, -3);
        assertThat(flags.dtype()).isEqualTo(DType.BOOL);
        assertThat(flags.toHost().toLongs()).containsExactly(1, 0, 1);
    }

    @Test
    void makesZerosFullAndArange() {
        assertThat(scope.zeros(DType.F32, 2, 3).toHost().toFloats()).containsOnly(0f).hasSize(6);
        assertThat(scope.zeros(DType.I64, 4).toHost().toLongs()).containsExactly(0, 0, 0, 0);
        assertThat(scope.full(-1.5f, 2, 2).toHost().toFloats()).containsExactly(-1.5f, -1.5f, -1.5f, -1.5f);
        assertThat(longs(scope.arange(3, 7))).containsExactly(3, 4, 5, 6);
    }

    @Test
    void castsBetweenTypes() {
        Tensor f = scope.constant(new float[] {1.75f, -2.25f, 0f}, 3);
        assertThat(longs(scope.cast(f, DType.I64))).containsExactly(1, -2, 0);
        assertThat(scope.cast(f, DType.BOOL).toHost().toLongs()).containsExactly(1, 1, 0);
        assertThat(scope.cast(scope.constant(new long[] {5, -1}, 2), DType.F32).toHost().toFloats())
                .containsExactly(5f, -1f);
    }

    // ---- elementwise

    @Test
    void binaryOperationsBroadcastAsNumpy() {
        Nd a = rand(2, 2, 3, 4);
        Nd b = rand(2, 3, 1);
        Nd c = Reference.unary(rand(2, 4), x -> x + Math.signum(x) * 0.5);
        assertClose(scope.add(up(a), up(b)), Reference.binary(a, b, Double::sum), "add");
        assertClose(scope.sub(up(a), up(b)), Reference.binary(a, b, (x, y) -> x - y), "sub");
        assertClose(scope.mul(up(a), up(b)), Reference.binary(a, b, (x, y) -> x * y), "mul");
        assertClose(scope.div(up(a), up(c)), Reference.binary(a, c, (x, y) -> x / y), "div");
    }

    @Test
    void scalarOperandsApplyToEveryElement() {
        Nd a = rand(3, 5, 4);
        Nd positive = Reference.unary(a, Math::abs);
        assertClose(scope.add(up(a), 0.25), Reference.unary(a, x -> x + 0.25), "add scalar");
        assertClose(scope.mul(up(a), -3), Reference.unary(a, x -> x * -3), "mul scalar");
        assertClose(scope.div(up(a), 7), Reference.unary(a, x -> x / 7), "div scalar");
        assertClose(scope.pow(up(a), 2), Reference.unary(a, x -> x * x), "pow 2");
        assertClose(scope.pow(up(positive), 0.5), Reference.unary(positive, Math::sqrt), "pow 0.5");
    }

    @Test
    void unaryFunctionsMatchTheirDefinitions() {
        Nd a = rand(3, 4, 6);
        Nd positive = Reference.unary(a, x -> Math.abs(x) + 0.1);
        assertClose(scope.neg(up(a)), Reference.unary(a, x -> -x), "neg");
        assertClose(scope.exp(up(a)), Reference.unary(a, Math::exp), "exp");
        assertClose(scope.log(up(positive)), Reference.unary(positive, Math::log), "log");
        assertClose(scope.sqrt(up(positive)), Reference.unary(positive, Math::sqrt), "sqrt");
        assertClose(scope.rsqrt(up(positive)), Reference.unary(positive, x -> 1 / Math.sqrt(x)), "rsqrt");
        assertClose(scope.tanh(up(a)), Reference.unary(a, Math::tanh), "tanh");
        assertClose(scope.sigmoid(up(a)), Reference.unary(a, Reference::sigmoid), "sigmoid");
        assertClose(scope.sin(up(a)), Reference.unary(a, Math::sin), "sin");
        assertClose(scope.cos(up(a)), Reference.unary(a, Math::cos), "cos");
    }

    @Test
    void whereAndEqSelectByCondition() {
        Tensor ids = scope.constant(new long[] {5, 9, 5, 1}, 4);
        Tensor isFive = scope.eq(ids, 5);
        assertThat(isFive.dtype()).isEqualTo(DType.BOOL);
        assertThat(isFive.toHost().toLongs()).containsExactly(1, 0, 1, 0);
        Tensor picked = scope.where(isFive, scope.full(1f, 4), scope.constant(new float[] {-1, -2, -3, -4}, 4));
        assertThat(picked.toHost().toFloats()).containsExactly(1f, -2f, 1f, -4f);
    }

    // ---- activations

    @Test
    void activationsMatchHfDefinitions() {
        Nd a = rand(5, 3, 50);
        assertClose(scope.silu(up(a)), Reference.unary(a, x -> x * Reference.sigmoid(x)), "silu");
        assertClose(scope.gelu(up(a)), Reference.unary(a, Reference::gelu), "gelu");
        assertClose(scope.geluTanh(up(a)), Reference.unary(a, Reference::geluTanh), "gelu tanh");
        assertClose(scope.quickGelu(up(a)), Reference.unary(a, x -> x * Reference.sigmoid(1.702 * x)), "quick_gelu");
    }

    // ---- reductions

    @Test
    void meanAndSumReduceOneDimension() {
        Nd a = rand(2, 2, 3, 5);
        assertClose(scope.mean(up(a), -1, true), Reference.reduce(a, 2, true,
                v -> Arrays.stream(v).average().orElseThrow()), "mean keepdim");
        assertClose(scope.sum(up(a), 1, false), Reference.reduce(a, 1, false, v -> Arrays.stream(v).sum()), "sum");
    }

    @Test
    void softmaxAndLogSumExpMatchTheirDefinitions() {
        Nd a = rand(8, 3, 7);
        assertClose(scope.softmax(up(a), -1), Reference.softmax(a, 1), "softmax");
        assertClose(scope.softmax(up(a), 0), Reference.softmax(a, 0), "softmax dim 0");
        assertClose(scope.logSumExp(up(a), 1), Reference.reduce(a, 1, false, v -> {
            double max = Arrays.stream(v).max().orElseThrow();
            return max + Math.log(Arrays.stream(v).map(x -> Math.exp(x - max)).sum());
        }), "logsumexp");
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        Tensor x = scope.constant(new float[] {1, 3, 3, 0, -1, -1, -5, -1}, 2, 4);
        assertThat(longs(scope.argmax(x, -1))).containsExactly(1, 0);
        assertThat(longs(scope.argmax(x, 0))).containsExactly(0, 0, 0, 0);
    }

    @Test
    void topkReturnsTheLargestValuesSortedWithTheirIndices() {
        Nd a = rand(1, 2, 20);
        TopK top = scope.topk(up(a), 5, -1);
        assertThat(top.values().shape()).containsExactly(2, 5);
        float[] values = top.values().toHost().toFloats();
        long[] indices = longs(top.indices());
        for (int row = 0; row < 2; row++) {
            float[] sorted = Arrays.copyOfRange(a.data(), row * 20, row * 20 + 20);
            Arrays.sort(sorted);
            for (int k = 0; k < 5; k++) {
                assertThat(values[row * 5 + k]).as("row %d rank %d", row, k).isEqualTo(sorted[19 - k]);
                assertThat(a.data()[row * 20 + (int) indices[row * 5 + k]]).isEqualTo(values[row * 5 + k]);
            }
        }
    }

    // ---- linear algebra

    @Test
    void matmulBroadcastsBatchDimensions() {
        Nd a = rand(1, 2, 3, 4, 5);
        Nd b = rand(1, 3, 5, 6);
        assertClose(scope.matmul(up(a), up(b)), Reference.matmul(a, b), "matmul");
        Nd m = rand(1, 4, 5);
        assertClose(scope.matmul(up(m), up(Reference.transposeLast(m))), Reference.matmul(m, Reference.transposeLast(m)),
                "matmul 2d");
    }

    @Test
    void linearIsXTimesWeightTransposedPlusBias() {
        Nd x = rand(1, 2, 3, 8);
        Nd w = rand(1, 5, 8);
        Nd bias = rand(1, 5);
        Nd expected = Reference.binary(Reference.matmul(x, Reference.transposeLast(w)), bias, Double::sum);
        assertClose(scope.linear(up(x), up(w), up(bias)), expected, "linear with bias");
        assertClose(scope.linear(up(x), up(w), null), Reference.matmul(x, Reference.transposeLast(w)), "linear");
    }

    @Test
    void linearRejectsMismatchedFeaturesNamingBothShapes() {
        assertThatThrownBy(() -> scope.linear(scope.zeros(DType.F32, 2, 7), scope.zeros(DType.F32, 5, 8), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("linear")
                .hasMessageContaining("F32[2, 7]")
                .hasMessageContaining("F32[5, 8]");
    }

    @Test
    void embeddingLooksUpRows() {
        Nd w = rand(1, 6, 3);
        Tensor out = scope.embedding(scope.constant(new long[] {5, 0, 5, 2}, 2, 2), up(w));
        assertThat(out.shape()).containsExactly(2, 2, 3);
        float[] got = out.toHost().toFloats();
        int[] rows = {5, 0, 5, 2};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(got[i * 3 + j]).isEqualTo(w.at(rows[i], j));
            }
        }
    }

    // ---- normalization

    @Test
    void rmsNormMatchesLlamaRmsNorm() {
        Nd x = rand(3, 2, 4, 16);
        Nd w = rand(1, 16);
        double eps = 1e-6;
        Nd variance = Reference.reduce(x, 2, true, v -> Arrays.stream(v).map(e -> e * e).average().orElseThrow());
        Nd normed = Reference.binary(x, variance, (e, var) -> e / Math.sqrt(var + eps));
        assertClose(scope.rmsNorm(up(x), up(w), eps), Reference.binary(normed, w, (e, g) -> e * g), "rms norm");
    }

    @Test
    void layerNormNormalizesTheLastDimension() {
        Nd x = rand(3, 3, 10);
        Nd w = rand(1, 10);
        Nd b = rand(1, 10);
        double eps = 1e-5;
        Nd mean = Reference.reduce(x, 1, true, v -> Arrays.stream(v).average().orElseThrow());
        Nd var = Reference.reduce(x, 1, true, v -> {
            double m = Arrays.stream(v).average().orElseThrow();
            return Arrays.stream(v).map(e -> (e - m) * (e - m)).average().orElseThrow();
        });
        Nd centered = Reference.binary(x, mean, (e, m) -> e - m);
        Nd normed = Reference.binary(centered, var, (e, v) -> e / Math.sqrt(v + eps));
        Nd expected = Reference.binary(Reference.binary(normed, w, (e, g) -> e * g), b, Double::sum);
        assertClose(scope.layerNorm(up(x), up(w), up(b), eps), expected, 1e-5, 1e-5, "layer norm");
    }

    // ---- attention

    @Test
    void rotaryInverseFrequenciesFollowRopeThetaAndLinearScaling() {
        int dim = 8;
        float[] plain = scope.rotaryInvFreq(dim, 10000, 1).toHost().toFloats();
        float[] scaled = scope.rotaryInvFreq(dim, 10000, 2).toHost().toFloats();
        assertThat(plain).hasSize(4);
        for (int i = 0; i < 4; i++) {
            double expected = 1 / Math.pow(10000, 2.0 * i / dim);
            assertThat((double) plain[i]).as("inv_freq[%d]", i).isCloseTo(expected, org.assertj.core.data.Offset
                    .offset(expected * 1e-6));
            assertThat(scaled[i]).as("scaled inv_freq[%d]", i).isEqualTo(plain[i] / 2);
        }
    }

    @Test
    void rotaryCosSinConcatenatesFrequenciesTwice() {
        Tensor inv = scope.rotaryInvFreq(4, 100, 1);
        float[] invFreq = inv.toHost().toFloats();
        Tensor positions = scope.constant(new long[] {0, 1, 5, 1, 1, 0}, 2, 3);
        RotaryCosSin cs = scope.rotaryCosSin(inv, positions);
        assertThat(cs.cos().shape()).containsExactly(2, 3, 4);
        float[] cos = cs.cos().toHost().toFloats();
        float[] sin = cs.sin().toHost().toFloats();
        long[] pos = {0, 1, 5, 1, 1, 0};
        for (int p = 0; p < 6; p++) {
            for (int j = 0; j < 4; j++) {
                float freq = invFreq[j % 2] * pos[p];
                assertThat((double) cos[p * 4 + j]).isCloseTo(Math.cos(freq), org.assertj.core.data.Offset.offset(1e-6));
                assertThat((double) sin[p * 4 + j]).isCloseTo(Math.sin(freq), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void applyRotaryPosEmbRotatesHalves() {
        Nd x = rand(1, 2, 3, 4, 6);
        Nd cos = rand(1, 2, 4, 6);
        Nd sin = rand(1, 2, 4, 6);
        float[] expected = new float[x.data().length];
        for (int i = 0; i < expected.length; i++) {
            int[] ix = Reference.unravel(i, x.shape());
            int e = ix[3];
            double rotated = e < 3 ? -x.at(ix[0], ix[1], ix[2], e + 3) : x.at(ix[0], ix[1], ix[2], e - 3);
            expected[i] = (float) (x.data()[i] * cos.at(ix[0], ix[2], e) + rotated * sin.at(ix[0], ix[2], e));
        }
        Tensor out = scope.applyRotaryPosEmb(up(x), new RotaryCosSin(up(cos), up(sin)));
        assertClose(out, new Nd(expected, x.shape()), "rotary");
    }

    @Test
    void causalMaskBlocksFutureAndPaddedKeys() {
        Tensor attention = scope.constant(new long[] {0, 1, 1, 1, 1, 1, 1, 1}, 2, 4);
        float[] mask = scope.causalMask(attention, 2, 2, 0).toHost().toFloats();
        float min = -Float.MAX_VALUE;
        // query i sits at cache position 2 + i: keys 0..2+i visible, minus padded ones
        float[] expected = {
            min, 0, 0, min,
            min, 0, 0, 0,
            0, 0, 0, min,
            0, 0, 0, 0,
        };
        assertThat(mask).containsExactly(expected);
    }

    @Test
    void causalMaskWithoutPaddingAndWithASlidingWindow() {
        Tensor mask = scope.causalMask(null, 3, 0, 2);
        assertThat(mask.shape()).containsExactly(1, 1, 3, 3);
        float min = -Float.MAX_VALUE;
        assertThat(mask.toHost().toFloats()).containsExactly(0, min, min, 0, 0, min, min, 0, 0);
    }

    @Test
    void attentionWithGroupedKeyValueHeadsMatchesRepeatKv() {
        Nd q = rand(1, 2, 6, 3, 8);
        Nd k = rand(1, 2, 2, 5, 8);
        Nd v = rand(1, 2, 2, 5, 8);
        Tensor mask = scope.causalMask(scope.constant(new long[] {1, 1, 1, 1, 1, 0, 0, 1, 1, 1}, 2, 5), 3, 2, 0);
        Nd maskNd = new Nd(mask.toHost().toFloats(), mask.shape());
        double scale = 1 / Math.sqrt(8);
        assertClose(scope.scaledDotProductAttention(up(q), up(k), up(v), mask, scale),
                Reference.attention(q, k, v, maskNd, scale), "gqa attention");
        assertClose(scope.scaledDotProductAttention(up(q), up(k), up(v), null, 0.5),
                Reference.attention(q, k, v, null, 0.5), "unmasked attention");
    }

    @Test
    void longAttentionComputedInQueryChunksMatchesTheReference() {
        // 2 heads x 3000 queries x 3000 keys exceed one chunk's scores (2^24), so the queries go in two chunks
        Nd q = rand(1, 1, 2, 3000, 4);
        Nd k = rand(1, 1, 1, 3000, 4);
        Nd v = rand(1, 1, 1, 3000, 4);
        Tensor mask = scope.causalMask(null, 3000, 0, 0);
        Nd maskNd = new Nd(mask.toHost().toFloats(), mask.shape());
        assertClose(scope.scaledDotProductAttention(up(q), up(k), up(v), mask, 0.5),
                Reference.attention(q, k, v, maskNd, 0.5), "chunked attention");
    }

    @Test
    void attentionWithOneQueryReadsTheCacheView() {
        Tensor cache = scope.zeros(DType.F32, 1, 2, 8, 4);
        Nd first = rand(1, 1, 2, 5, 4);
        Nd second = rand(1, 1, 2, 1, 4);
        scope.kvCacheUpdate(cache, up(first), 0);
        Tensor view = scope.kvCacheUpdate(cache, up(second), 5);
        assertThat(view.shape()).containsExactly(1, 2, 6, 4);
        float[] all = view.toHost().toFloats();
        for (int h = 0; h < 2; h++) {
            for (int p = 0; p < 6; p++) {
                for (int e = 0; e < 4; e++) {
                    float expected = p < 5 ? first.at(0, h, p, e) : second.at(0, h, 0, e);
                    assertThat(all[(h * 6 + p) * 4 + e]).as("h %d pos %d e %d", h, p, e).isEqualTo(expected);
                }
            }
        }
        Nd q = rand(1, 1, 4, 1, 4);
        Nd kv = new Nd(all, new int[] {1, 2, 6, 4});
        assertClose(scope.scaledDotProductAttention(up(q), view, view, null, 0.5),
                Reference.attention(q, kv, kv, null, 0.5), "decode attention");
    }

    @Test
    void kvCacheUpdateRejectsStatesPastTheEnd() {
        Tensor cache = scope.zeros(DType.F32, 1, 1, 4, 2);
        assertThatThrownBy(() -> scope.kvCacheUpdate(cache, scope.zeros(DType.F32, 1, 1, 2, 2), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kvCacheUpdate")
                .hasMessageContaining("position 3");
    }

    // ---- shapes and indexing

    @Test
    void reshapePermuteTransposeAndUnsqueezeMoveElements() {
        Nd a = rand(1, 2, 3, 4);
        Tensor t = up(a);
        assertThat(scope.reshape(t, 4, -1).shape()).containsExactly(4, 6);
        assertThat(scope.reshape(t, 4, -1).toHost().toFloats()).containsExactly(a.data());
        float[] permuted = scope.permute(t, 2, 0, 1).toHost().toFloats();
        float[] transposed = scope.transpose(t, 0, 2).toHost().toFloats();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(permuted[(k * 2 + i) * 3 + j]).isEqualTo(a.at(i, j, k));
                    assertThat(transposed[(k * 3 + j) * 2 + i]).isEqualTo(a.at(i, j, k));
                }
            }
        }
        assertThat(scope.unsqueeze(t, 1).shape()).containsExactly(2, 1, 3, 4);
        assertThat(scope.unsqueeze(t, -1).shape()).containsExactly(2, 3, 4, 1);
    }

    @Test
    void expandRepeatsSizeOneDimensions() {
        Tensor t = scope.constant(new float[] {1, 2}, 2, 1);
        Tensor e = scope.expand(t, 3, -1, 4);
        assertThat(e.shape()).containsExactly(3, 2, 4);
        assertThat(e.toHost().toFloats()).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 2,
                2, 2, 2);
    }

    @Test
    void catAndSliceJoinAndCut() {
        Tensor a = scope.constant(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = scope.constant(new float[] {5, 6}, 2, 1);
        Tensor joined = scope.cat(List.of(a, b), 1);
        assertThat(joined.toHost().toFloats()).containsExactly(1, 2, 5, 3, 4, 6);
        assertThat(scope.slice(joined, 1, 1, 3).toHost().toFloats()).containsExactly(2, 5, 4, 6);
        assertThat(scope.slice(joined, 0, 1, 2).toHost().toFloats()).containsExactly(3, 4, 6);
    }

    @Test
    void indexSelectAndGatherPickByIndex() {
        Tensor x = scope.constant(new float[] {0, 1, 2, 10, 11, 12, 20, 21, 22}, 3, 3);
        assertThat(scope.indexSelect(x, 0, scope.constant(new long[] {2, 0, 2}, 3)).toHost().toFloats())
                .containsExactly(20, 21, 22, 0, 1, 2, 20, 21, 22);
        assertThat(scope.indexSelect(x, 1, scope.constant(new long[] {1}, 1)).toHost().toFloats())
                .containsExactly(1, 11, 21);
        assertThat(scope.gather(x, 1, scope.constant(new long[] {2, 0, 1}, 3, 1)).toHost().toFloats())
                .containsExactly(2, 10, 21);
    }

    @Test
    void maskedScatterReplacesSelectedRowsInOrder() {
        Tensor x = scope.constant(new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, 2, 3, 2);
        Tensor mask = scope.upload(HostTensor.of(DType.BOOL, new int[] {2, 3}, ByteBuffer.wrap(new byte[] {0, 1, 1, 0,
            0, 1})));
        Tensor source = scope.constant(new float[] {-1, -1, -2, -2, -3, -3}, 3, 2);
        assertThat(scope.maskedScatter(x, mask, source).toHost().toFloats())
                .containsExactly(0, 0, -1, -1, -2, -2, 3, 3, 4, 4, -3, -3);
    }

    // ---- vision

    @Test
    void conv2dMatchesDirectConvolution() {
        Nd x = rand(1, 2, 3, 8, 8);
        Nd w = rand(1, 4, 3, 4, 4);
        Nd b = rand(1, 4);
        assertClose(scope.conv2d(up(x), up(w), up(b), 4, 4, 0, 0), Reference.conv2d(x, w, b, 4, 0), 1e-5, 1e-5,
                "patch embedding");
        Nd k3 = rand(1, 2, 3, 3, 3);
        assertClose(scope.conv2d(up(x), up(k3), null, 1, 1, 1, 1), Reference.conv2d(x, k3, null, 1, 1), 1e-5, 1e-5,
                "padded conv");
    }

    @Test
    void bilinearInterpolationMatchesPytorchWithoutAlignCorners() {
        Nd x = rand(1, 2, 3, 27, 27);
        assertClose(scope.interpolateBilinear(up(x), 14, 14), Reference.bilinear(x, 14, 14), "downsample");
        Nd small = rand(1, 1, 2, 3, 5);
        assertClose(scope.interpolateBilinear(up(small), 7, 4), Reference.bilinear(small, 7, 4), "upsample");
    }

    @Test
    void avgPoolAveragesWindows() {
        Tensor x = scope.constant(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
        assertThat(scope.avgPool2d(x, 2, 2, 2, 2).toHost().toFloats()).containsExactly(3.5f, 5.5f, 11.5f, 13.5f);
    }

    // ---- errors

    @Test
    void usingAClosedTensorFailsNamingIt() {
        Tensor t = scope.zeros(DType.F32, 3);
        t.close();
        assertThatThrownBy(() -> scope.neg(t)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("F32[3]").hasMessageContaining("closed");
    }

    @Test
    void tensorsOfAnotherBackendAreRefused() {
        try (Backend other = new DjlBackendProvider().create(BackendOptions.cpu()); Scope s = other.newScope()) {
            Tensor foreign = s.zeros(DType.F32, 2);
            assertThatThrownBy(() -> scope.add(foreign, foreign)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another backend");
        }
    }
}
