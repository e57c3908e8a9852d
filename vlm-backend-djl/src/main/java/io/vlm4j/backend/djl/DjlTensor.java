package io.vlm4j.backend.djl;

import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Tensor} over one PyTorch tensor ({@link PtNDArray}), owned by a {@link DjlScope}.
 *
 * <p>The shape and type are read once, when the tensor is made (one JNI call each), and feed the backend's
 * memory accounting. Closing is idempotent and thread-safe.
 */
final class DjlTensor implements Tensor {
    private final PtNDArray array;
    private final int[] shape;
    private final DType dtype;
    private final long bytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DjlScope scope;

    /**
     * Wraps a PyTorch tensor whose type and shape the caller knows (inferred in Java, which saves two JNI calls per
     * operation), or null to ask PyTorch. With assertions on (as in tests) every inferred value is checked.
     */
    DjlTensor(DjlScope scope, PtNDArray array, DType knownType, int[] knownShape) {
        this.array = array;
        this.shape = knownShape != null ? knownShape : queryShape(array);
        this.dtype = knownType != null ? knownType : toDType(array.getDataType());
        assert knownShape == null || Arrays.equals(knownShape, queryShape(array))
                : "inferred shape " + Arrays.toString(knownShape) + " but PyTorch has " + array.getShape();
        assert knownType == null || knownType == toDType(array.getDataType())
                : "inferred type " + knownType + " but PyTorch has " + array.getDataType();
        this.bytes = HostTensor.numel(shape) * dtype.byteSize();
        this.scope = scope;
    }

    private static int[] queryShape(PtNDArray array) {
        long[] s = array.getShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }

    static DType toDType(DataType type) {
        switch (type) {
            case FLOAT32:
                return DType.F32;
            case INT64:
                return DType.I64;
            case BOOLEAN:
                return DType.BOOL;
            default:
                throw new IllegalStateException("djl: a tensor of type " + type + " (only F32, I64 and BOOL are used)");
        }
    }

    static DataType toDataType(DType type) {
        switch (type) {
            case F32:
                return DataType.FLOAT32;
            case I64:
                return DataType.INT64;
            case BOOL:
                return DataType.BOOLEAN;
            default:
                throw new IllegalArgumentException("backend tensors are F32, I64 or BOOL, not " + type);
        }
    }

    /** The PyTorch tensor. @throws IllegalStateException if closed */
    PtNDArray array() {
        if (closed.get()) {
            throw new IllegalStateException("tensor " + describe() + " is closed");
        }
        return array;
    }

    long bytes() {
        return bytes;
    }

    String describe() {
        return dtype + Arrays.toString(shape);
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeView() {
        return shape;
    }

    @Override
    public int dim(int i) {
        int d = i < 0 ? shape.length + i : i;
        if (d < 0 || d >= shape.length) {
            throw new IndexOutOfBoundsException("dimension " + i + " of a tensor of shape " + Arrays.toString(shape));
        }
        return shape[d];
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long numel() {
        return HostTensor.numel(shape);
    }

    @Override
    public Scope scope() {
        return scope;
    }

    DjlScope djlScope() {
        return scope;
    }

    @Override
    public HostTensor toHost() {
        PtNDArray a = array();
        if (numel() == 0) {
            return HostTensor.of(dtype, shape, ByteBuffer.allocate(0));
        }
        PtNDArray onCpu = a.getDevice().isGpu() ? JniUtils.to(a, a.getDataType(), ai.djl.Device.cpu()) : a;
        try {
            // torchDataPtr: a contiguous copy into a Java byte[], nothing left attached to any manager
            ByteBuffer data = JniUtils.getByteBuffer(onCpu, false).order(ByteOrder.LITTLE_ENDIAN);
            return HostTensor.of(dtype, shape, data);
        } finally {
            if (onCpu != a) {
                onCpu.close();
            }
        }
    }

    @Override
    public Tensor moveTo(Scope target) {
        if (!(target instanceof DjlScope) || ((DjlScope) target).backend() != scope.backend()) {
            throw new IllegalArgumentException("cannot move a tensor to a scope of another backend: " + target);
        }
        array();
        DjlScope to = (DjlScope) target;
        DjlScope from = scope;
        if (to == from) {
            return this;
        }
        to.adopt(this);
        scope = to;
        from.forget(this);
        return this;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        DjlScope s = scope;
        try {
            array.close();
        } finally {
            s.released(this);
        }
    }

    @Override
    public String toString() {
        return "DjlTensor[" + describe() + (closed.get() ? ", closed" : "") + "]";
    }
}
