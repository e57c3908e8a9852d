package io.vlm4j.processors.image;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A float32 pixel tensor {@code [..., 3, height, width]} being filled image by image, in a little-endian buffer
 * that becomes the {@link HostTensor} without a copy. Slots never written stay 0.0, which is what HF's
 * {@code _pad_for_batching} puts in padded patches. Not thread-safe: one per preprocess call.
 */
final class PixelBatch {
    private final int[] shape;
    private final int height;
    private final int width;
    private final ByteBuffer bytes;
    private final FloatBuffer floats;
    private final float[] row;

    /**
     * A zeroed tensor of {@code leading} slots of {@code [3, height, width]} ({@code leading} = e.g.
     * {@code [n]}, {@code [n, patches]}, {@code [videos, frames]}).
     *
     * @throws MediaMismatchException if the tensor would exceed 2^31 - 1 floats
     */
    PixelBatch(ImageSize size, int... leading) {
        this.height = size.height();
        this.width = size.width();
        shape = Arrays.copyOf(leading, leading.length + 3);
        shape[leading.length] = 3;
        shape[leading.length + 1] = height;
        shape[leading.length + 2] = width;
        long n = HostTensor.numel(shape);
        if (n * 4 > Integer.MAX_VALUE - 8) {
            throw new MediaMismatchException("pixel tensor " + Arrays.toString(shape) + " is too large ("
                    + n + " floats); pass fewer images or frames at once");
        }
        bytes = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
        floats = bytes.asFloatBuffer();
        row = new float[3 * width];
    }

    /**
     * Writes an image of the batch's height and width into slot {@code slot} (counting {@code [3, H, W]}
     * slots in row-major order of the leading dimensions).
     */
    void put(int slot, Uint8Image image, RescaleNormalize normalize) {
        if (image.height != height || image.width != width) {
            throw new IllegalStateException("image " + image + " in a batch of " + width + "x" + height);
        }
        normalize.write(image, floats, slot * 3 * height * width, row);
    }

    /**
     * Where a resize puts the rows of an image of the batch's height and width for slot {@code slot}: they are
     * rescaled, normalized and written as {@link #put} writes the image.
     */
    PackedRows rows(int slot, RescaleNormalize normalize) {
        return normalize.rows(floats, slot * 3 * height * width, width, height, row);
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    HostTensor tensor() {
        return HostTensor.of(DType.F32, shape, bytes.duplicate().clear());
    }
}
