package io.vlm4j.backend.djl;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Plain-Java reference implementations of the tensor SPI's operations, written from PyTorch's and HF's
 * definitions (double accumulation), against which the backend is tested.
 */
final class Reference {
    private Reference() {}

    /** A row-major array and its shape. */
    record Nd(float[] data, int[] shape) {
        Nd {
            if (numel(shape) != data.length) {
                throw new IllegalArgumentException(data.length + " values for " + Arrays.toString(shape));
            }
        }

        float at(int... index) {
            return data[offset(shape, index)];
        }
    }

    static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int offset(int[] shape, int[] index) {
        int o = 0;
        for (int i = 0; i < shape.length; i++) {
            o = o * shape[i] + index[i];
        }
        return o;
    }

    static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
        return index;
    }

    static float[] random(SplittableRandom random, int n, double scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return out;
    }

    static Nd random(SplittableRandom random, double scale, int... shape) {
        return new Nd(random(random, (int) numel(shape), scale), shape);
    }

    /** NumPy broadcasting of two shapes. */
    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    static float broadcastAt(Nd x, int[] outIndex) {
        int[] index = new int[x.shape.length];
        int shift = outIndex.length - x.shape.length;
        for (int i = 0; i < index.length; i++) {
            index[i] = x.shape[i] == 1 ? 0 : outIndex[i + shift];
        }
        return x.at(index);
    }

    interface Binary {
        double apply(double a, double b);
    }

    static Nd binary(Nd a, Nd b, Binary f) {
        int[] shape = broadcast(a.shape, b.shape);
        float[] out = new float[(int) numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = unravel(i, shape);
            out[i] = (float) f.apply(broadcastAt(a, index), broadcastAt(b, index));
        }
        return new Nd(out, shape);
    }

    interface Unary {
        double apply(double x);
    }

    static Nd unary(Nd a, Unary f) {
        float[] out = new float[a.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) f.apply(a.data[i]);
        }
        return new Nd(out, a.shape);
    }

    /** erf to ~1e-9 in double: its Maclaurin series below 4, ±1 beyond (|1 - erf(4)| < 2e-8). */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 4) {
            return Math.signum(x);
        }
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 200; n++) {
            term *= -ax * ax / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17) {
                break;
            }
        }
        return Math.signum(x) * 2 / Math.sqrt(Math.PI) * sum;
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Reduces {@code dim} with {@code f} over the slice of values (keeps it as size 1 when keepDim). */
    interface Reduce {
        double apply(double[] values);
    }

    static Nd reduce(Nd x, int dim, boolean keepDim, Reduce f) {
        int[] shape = x.shape.clone();
        int n = shape[dim];
        shape[dim] = 1;
        float[] out = new float[(int) numel(shape)];
        double[] values = new double[n];
        for (int i = 0; i < out.length; i++) {
            int[] index = unravel(i, shape);
            for (int k = 0; k < n; k++) {
                index[dim] = k;
                values[k] = x.at(index);
            }
            out[i] = (float) f.apply(values);
        }
        if (!keepDim) {
            int[] squeezed = new int[shape.length - 1];
            for (int i = 0, j = 0; i < shape.length; i++) {
                if (i != dim) {
                    squeezed[j++] = shape[i];
                }
            }
            shape = squeezed;
        }
        return new Nd(out, shape);
    }

    static Nd softmax(Nd x, int dim) {
        int[] shape = x.shape;
        int n = shape[dim];
        float[] out = new float[x.data.length];
        int[] outer = shape.clone();
        outer[dim] = 1;
        for (int i = 0; i < numel(outer); i++) {
            int[] index = unravel(i, outer);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                index[dim] = k;
                max = Math.max(max, x.at(index));
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                index[dim] = k;
                sum += Math.exp(x.at(index) - max);
            }
            for (int k = 0; k < n; k++) {
                index[dim] = k;
                out[offset(shape, index)] = (float) (Math.exp(x.at(index) - max) / sum);
            }
        }
        return new Nd(out, shape);
    }

    /** torch.matmul for rank ≥ 2 operands with broadcast batch dimensions. */
    static Nd matmul(Nd a, Nd b) {
        int ra = a.shape.length;
        int rb = b.shape.length;
        int m = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int n = b.shape[rb - 1];
        if (b.shape[rb - 2] != k) {
            throw new IllegalArgumentException("matmul shapes");
        }
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = broadcast(batchA, batchB);
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        float[] out = new float[(int) numel(shape)];
        for (int i = 0; i < out.length; i++) {
            int[] index = unravel(i, shape);
            int row = index[batch.length];
            int col = index[batch.length + 1];
            double sum = 0;
            for (int j = 0; j < k; j++) {
                int[] ia = new int[ra];
                int[] ib = new int[rb];
                for (int d = 0; d < ra - 2; d++) {
                    ia[d] = a.shape[d] == 1 ? 0 : index[d + batch.length - (ra - 2)];
                }
                for (int d = 0; d < rb - 2; d++) {
                    ib[d] = b.shape[d] == 1 ? 0 : index[d + batch.length - (rb - 2)];
                }
                ia[ra - 2] = row;
                ia[ra - 1] = j;
                ib[rb - 2] = j;
                ib[rb - 1] = col;
                sum += (double) a.at(ia) * b.at(ib);
            }
            out[i] = (float) sum;
        }
        return new Nd(out, shape);
    }

    static Nd transposeLast(Nd x) {
        int r = x.shape.length;
        int[] shape = x.shape.clone();
        shape[r - 1] = x.shape[r - 2];
        shape[r - 2] = x.shape[r - 1];
        float[] out = new float[x.data.length];
        for (int i = 0; i < out.length; i++) {
            int[] index = unravel(i, shape);
            int t = index[r - 1];
            index[r - 1] = index[r - 2];
            index[r - 2] = t;
            out[i] = x.at(index);
        }
        return new Nd(out, shape);
    }

    /** Eager attention with repeat_kv, as HF's LlamaAttention (mask [batch or 1, 1, q_len, kv_len] or null). */
    static Nd attention(Nd q, Nd k, Nd v, Nd mask, double scale) {
        int batch = q.shape[0];
        int heads = q.shape[1];
        int qLen = q.shape[2];
        int d = q.shape[3];
        int kvHeads = k.shape[1];
        int kvLen = k.shape[2];
        int groups = heads / kvHeads;
        float[] out = new float[batch * heads * qLen * d];
        double[] scores = new double[kvLen];
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int kvBase = (b * kvHeads + h / groups) * kvLen * d;
                for (int i = 0; i < qLen; i++) {
                    int qBase = ((b * heads + h) * qLen + i) * d;
                    int maskBase = mask == null ? -1 : ((mask.shape[0] == 1 ? 0 : b) * qLen + i) * kvLen;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < kvLen; j++) {
                        double s = 0;
                        for (int e = 0; e < d; e++) {
                            s += (double) q.data[qBase + e] * k.data[kvBase + j * d + e];
                        }
                        s *= scale;
                        if (mask != null) {
                            s += mask.data[maskBase + j];
                        }
                        scores[j] = s;
                        max = Math.max(max, s);
                    }
                    double sum = 0;
                    for (int j = 0; j < kvLen; j++) {
                        scores[j] = Math.exp(scores[j] - max);
                        sum += scores[j];
                    }
                    for (int e = 0; e < d; e++) {
                        double acc = 0;
                        for (int j = 0; j < kvLen; j++) {
                            acc += scores[j] * v.data[kvBase + j * d + e];
                        }
                        out[qBase + e] = (float) (acc / sum);
                    }
                }
            }
        }
        return new Nd(out, new int[] {batch, heads, qLen, d});
    }

    /** PyTorch's upsample_bilinear2d (align_corners=False), written per output pixel. */
    static Nd bilinear(Nd x, int outH, int outW) {
        int n = x.shape[0];
        int c = x.shape[1];
        int inH = x.shape[2];
        int inW = x.shape[3];
        float[] out = new float[n * c * outH * outW];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int oy = 0; oy < outH; oy++) {
                    double sy = Math.max((double) inH / outH * (oy + 0.5) - 0.5, 0);
                    int y0 = Math.min((int) Math.floor(sy), inH - 1);
                    int y1 = y0 + (y0 < inH - 1 ? 1 : 0);
                    double ly1 = sy - y0;
                    double ly0 = 1 - ly1;
                    for (int ox = 0; ox < outW; ox++) {
                        double sx = Math.max((double) inW / outW * (ox + 0.5) - 0.5, 0);
                        int x0 = Math.min((int) Math.floor(sx), inW - 1);
                        int x1 = x0 + (x0 < inW - 1 ? 1 : 0);
                        double lx1 = sx - x0;
                        double lx0 = 1 - lx1;
                        double value = ly0 * (lx0 * x.at(b, ch, y0, x0) + lx1 * x.at(b, ch, y0, x1))
                                + ly1 * (lx0 * x.at(b, ch, y1, x0) + lx1 * x.at(b, ch, y1, x1));
                        out[((b * c + ch) * outH + oy) * outW + ox] = (float) value;
                    }
                }
            }
        }
        return new Nd(out, new int[] {n, c, outH, outW});
    }

    static Nd conv2d(Nd x, Nd w, Nd bias, int stride, int pad) {
        int n = x.shape[0];
        int cin = x.shape[1];
        int h = x.shape[2];
        int wd = x.shape[3];
        int cout = w.shape[0];
        int kh = w.shape[2];
        int kw = w.shape[3];
        int oh = (h + 2 * pad - kh) / stride + 1;
        int ow = (wd + 2 * pad - kw) / stride + 1;
        float[] out = new float[n * cout * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int o = 0; o < cout; o++) {
                for (int y = 0; y < oh; y++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = bias == null ? 0 : bias.data[o];
                        for (int c = 0; c < cin; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = y * stride + i - pad;
                                    int ix = xx * stride + j - pad;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += (double) x.at(b, c, iy, ix) * w.at(o, c, i, j);
                                    }
                                }
                            }
                        }
                        out[((b * cout + o) * oh + y) * ow + xx] = (float) s;
                    }
                }
            }
        }
        return new Nd(out, new int[] {n, cout, oh, ow});
    }
}
