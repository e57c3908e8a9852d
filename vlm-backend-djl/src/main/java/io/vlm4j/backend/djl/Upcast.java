package io.vlm4j.backend.djl;

import io.vlm4j.tensor.DType;
import io.vlm4j.tensor.HostTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * Float32 copies of host tensors straight into a backend tensor's memory, in bulk: BF16 by its 16-bit shift, F16
 * through a table of all 65,536 halves (made by {@link HostTensor#halfToFloat}, so exactly its values), F32 by one
 * bulk copy, others through {@link HostTensor#copyFloatsTo}. A 7B checkpoint's weights pass through here once.
 */
final class Upcast {
    private static final int CHUNK = 1 << 16;
    private static final float[] HALF = halfTable();

    private Upcast() {}

    private static float[] halfTable() {
        float[] table = new float[1 << 16];
        for (int h = 0; h < table.length; h++) {
            table[h] = HostTensor.halfToFloat((short) h);
        }
        return table;
    }

    /** Writes {@code host} as float32 into {@code dst} (native order). */
    static void copyFloats(HostTensor host, ByteBuffer dst) {
        FloatBuffer out = dst.order(ByteOrder.nativeOrder()).asFloatBuffer();
        if (host.dtype() != DType.BF16 && host.dtype() != DType.F16) {
            host.copyFloatsTo(out);
            return;
        }
        ShortBuffer in = host.data().asShortBuffer();
        IntBuffer bits = dst.order(ByteOrder.nativeOrder()).asIntBuffer();
        short[] halves = new short[CHUNK];
        int[] words = new int[CHUNK];
        float[] floats = new float[CHUNK];
        boolean bf16 = host.dtype() == DType.BF16;
        while (in.hasRemaining()) {
            int n = Math.min(CHUNK, in.remaining());
            in.get(halves, 0, n);
            if (bf16) {
                for (int i = 0; i < n; i++) {
                    words[i] = halves[i] << 16;
                }
                bits.put(words, 0, n);
            } else {
                for (int i = 0; i < n; i++) {
                    floats[i] = HALF[halves[i] & 0xffff];
                }
                out.put(floats, 0, n);
            }
        }
    }
}
