package io.vlm4j.backend.djl;

import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.Tensor;
import java.util.Arrays;

/**
 * Result types and shapes of PyTorch operations, computed in Java so that wrapping a result needs no JNI call.
 * A bad combination is an {@link IllegalArgumentException} naming the operation and the shapes.
 */
final class Shapes {
    private Shapes() {}

    /** NumPy broadcasting. */
    static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int ia = i - (rank - a.length);
            int ib = i - (rank - b.length);
            int da = ia >= 0 ? a[ia] : 1;
            int db = ib >= 0 ? b[ib] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** PyTorch's type promotion among F32, I64 and BOOL tensors. */
    static DType promote(DType a, DType b) {
        if (a == DType.F32 || b == DType.F32) {
            return DType.F32;
        }
        if (a == DType.I64 || b == DType.I64) {
            return DType.I64;
        }
        return DType.BOOL;
    }

    /** {@code torch.matmul} of rank ≥ 2 operands; null (ask PyTorch) for vectors. */
    static int[] matmul(String op, int[] a, int[] b) {
        if (a.length < 2 || b.length < 2) {
            return null;
        }
        if (a[a.length - 1] != b[b.length - 2]) {
            throw new IllegalArgumentException(op + ": " + Arrays.toString(a) + " @ " + Arrays.toString(b)
                    + ": inner dimensions differ");
        }
        int[] batch = broadcast(op, Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = a[a.length - 2];
        out[batch.length + 1] = b[b.length - 1];
        return out;
    }

    /** A reshape target with its -1 resolved. */
    static int[] reshape(String op, int[] from, int[] to) {
        long numel = Tensors.numel(from);
        int unknown = -1;
        long known = 1;
        int[] out = to.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException(op + ": two -1 in " + Arrays.toString(to));
                }
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in " + Arrays.toString(to));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape " + Arrays.toString(from) + " to "
                        + Arrays.toString(to));
            }
            out[unknown] = Math.toIntExact(numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": cannot reshape " + Arrays.toString(from) + " to "
                    + Arrays.toString(to));
        }
        return out;
    }

    /** The shape with dimension {@code dim} set to {@code size}. */
    static int[] with(int[] shape, int dim, int size) {
        int[] out = shape.clone();
        out[dim] = size;
        return out;
    }

    /** The shape without dimension {@code dim} (or with it as 1 when {@code keepDim}). */
    static int[] reduce(int[] shape, int dim, boolean keepDim) {
        if (keepDim) {
            return with(shape, dim, 1);
        }
        int[] out = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != dim) {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    /** {@code t}'s shape (the wrapper's own copy, not to be changed). */
    static int[] of(Tensor t) {
        return ((DjlTensor) t).shapeView();
    }

    /** Helpers over shapes. */
    static final class Tensors {
        private Tensors() {}

        static long numel(int[] shape) {
            long n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }
}
