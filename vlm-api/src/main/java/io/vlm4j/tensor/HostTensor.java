package io.vlm4j.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major array of one {@link DType} held by the JVM (on the heap, off-heap or memory-mapped from a
 * file), little-endian: what processors produce, safetensors files hold and backends upload.
 *
 * <p>Shapes are Java ints, as every shape-deciding number in vlm4j is. The data is never copied by the
 * accessors that return views; the {@code to*} methods copy.
 *
 * <p>Immutable and thread-safe: the buffer handed out is always a read-only view.
 */
public final class HostTensor {
    private final DType dtype;
    private final int[] shape;
    private final ByteBuffer data;

    private HostTensor(DType dtype, int[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * A tensor over {@code data} (its bytes from position to limit, little-endian).
     *
     * @throws IllegalArgumentException if a dimension is negative or the byte count is not shape × element size
     */
    public static HostTensor of(DType dtype, int[] shape, ByteBuffer data) {
        Objects.requireNonNull(dtype, "dtype");
        int[] s = shape.clone();
        long expected = Math.multiplyExact(numel(s), (long) dtype.byteSize());
        if (data.remaining() != expected) {
            throw new IllegalArgumentException("a " + dtype + " tensor of shape " + Arrays.toString(s) + " needs "
                    + expected + " bytes, got " + data.remaining());
        }
        ByteBuffer view = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return new HostTensor(dtype, s, view);
    }

    /** An F32 tensor holding a copy of {@code values}. */
    public static HostTensor ofFloats(float[] values, int... shape) {
        checkCount(values.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return of(DType.F32, shape, buf);
    }

    /** An I64 tensor holding a copy of {@code values}. */
    public static HostTensor ofLongs(long[] values, int... shape) {
        checkCount(values.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return of(DType.I64, shape, buf);
    }

    /** An I32 tensor holding a copy of {@code values}. */
    public static HostTensor ofInts(int[] values, int... shape) {
        checkCount(values.length, shape);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return of(DType.I32, shape, buf);
    }

    /** A U8 tensor over {@code values} (not copied: the caller must not change the array afterwards). */
    public static HostTensor ofUnsignedBytes(byte[] values, int... shape) {
        checkCount(values.length, shape);
        return of(DType.U8, shape, ByteBuffer.wrap(values));
    }

    private static void checkCount(long count, int[] shape) {
        if (numel(shape) != count) {
            throw new IllegalArgumentException(count + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    /** The number of elements of a shape. @throws IllegalArgumentException on a negative dimension */
    public static long numel(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code i}; negative {@code i} counts from the end. */
    public int dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public long numel() {
        return numel(shape);
    }

    /** The number of bytes of the data. */
    public long byteSize() {
        return numel() * dtype.byteSize();
    }

    /** A read-only, little-endian view of the bytes, positioned at 0. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The same data with another shape of the same element count. */
    public HostTensor reshape(int... newShape) {
        if (numel(newShape) != numel()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to "
                    + Arrays.toString(newShape));
        }
        return new HostTensor(dtype, newShape.clone(), data);
    }

    /**
     * The elements as float32, copied: exactly for F32, F16 (IEEE half) and BF16 (a 16-bit shift); F64 and the
     * integer types are converted as Java's casts do.
     */
    public float[] toFloats() {
        long n = numel();
        if (n > Integer.MAX_VALUE) {
            throw new IllegalStateException("tensor too large for a float[]: " + n + " elements");
        }
        float[] out = new float[(int) n];
        copyFloatsTo(FloatBuffer.wrap(out));
        return out;
    }

    /** Writes the elements as float32 into {@code dst} (advancing its position), converting as {@link #toFloats}. */
    public void copyFloatsTo(FloatBuffer dst) {
        ByteBuffer src = data();
        int n = Math.toIntExact(numel());
        if (dst.remaining() < n) {
            throw new IllegalArgumentException("destination holds " + dst.remaining() + " floats, need " + n);
        }
        switch (dtype) {
            case F32:
                dst.put(src.asFloatBuffer());
                return;
            case BF16:
                for (int i = 0; i < n; i++) {
                    dst.put(Float.intBitsToFloat((src.getShort(2 * i) & 0xffff) << 16));
                }
                return;
            case F16:
                for (int i = 0; i < n; i++) {
                    dst.put(halfToFloat(src.getShort(2 * i)));
                }
                return;
            case F64:
                for (int i = 0; i < n; i++) {
                    dst.put((float) src.getDouble(8 * i));
                }
                return;
            default:
                long[] longs = toLongs();
                for (long v : longs) {
                    dst.put(v);
                }
        }
    }

    /** The elements of an integer or BOOL tensor as longs, copied (U8 unsigned). */
    public long[] toLongs() {
        ByteBuffer src = data();
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        switch (dtype) {
            case I64:
                src.asLongBuffer().get(out);
                break;
            case I32:
                for (int i = 0; i < n; i++) {
                    out[i] = src.getInt(4 * i);
                }
                break;
            case I16:
                for (int i = 0; i < n; i++) {
                    out[i] = src.getShort(2 * i);
                }
                break;
            case I8:
                for (int i = 0; i < n; i++) {
                    out[i] = src.get(i);
                }
                break;
            case U8:
            case BOOL:
                for (int i = 0; i < n; i++) {
                    out[i] = src.get(i) & 0xff;
                }
                break;
            default:
                throw new IllegalStateException("toLongs() of a " + dtype + " tensor");
        }
        return out;
    }

    /** The raw bytes, copied. */
    public byte[] toBytes() {
        byte[] out = new byte[Math.toIntExact(byteSize())];
        data().get(out);
        return out;
    }

    /** Exact IEEE 754 binary16 → binary32 conversion (subnormals, infinities and NaN payloads kept). */
    public static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            // subnormal half: normalise
            int e = -1;
            do {
                mant <<= 1;
                e++;
            } while ((mant & 0x400) == 0);
            mant &= 0x3ff;
            return Float.intBitsToFloat(sign | ((127 - 15 - e) << 23) | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    @Override
    public String toString() {
        return "HostTensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
