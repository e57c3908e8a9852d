package io.vlm4j.safetensors;

import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One tensor's entry in a safetensors header: its name, type, shape and where its bytes lie.
 *
 * @param file the file holding it
 * @param name the tensor's name as stored (HF parameter names)
 * @param dtype the element type
 * @param shape the shape (copied)
 * @param begin the first byte, counted from the start of the file
 * @param end one past the last byte, counted from the start of the file
 */
public record TensorInfo(Path file, String name, DType dtype, int[] shape, long begin, long end) {
    public TensorInfo {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public long numel() {
        return HostTensor.numel(shape);
    }

    /** The number of bytes. */
    public long byteSize() {
        return end - begin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.file.equals(file) && t.name.equals(name) && t.dtype == dtype
                && Arrays.equals(t.shape, shape) && t.begin == begin && t.end == end;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
