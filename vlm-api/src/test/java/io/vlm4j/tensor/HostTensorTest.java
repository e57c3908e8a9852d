package io.vlm4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class HostTensorTest {
    /** Half bit patterns and the float32 bits IEEE 754 gives them (zeros, normals, subnormals, limits, inf, NaN). */
    private static final int[][] HALF_TO_FLOAT_BITS = {
        {0x0000, 0x00000000}, // +0
        {0x8000, 0x80000000}, // -0
        {0x3c00, 0x3f800000}, // 1
        {0xc000, 0xc0000000}, // -2
        {0x3555, 0x3eaaa000}, // 0.333251953125
        {0x7bff, 0x477fe000}, // 65504, the largest half
        {0x0400, 0x38800000}, // 2^-14, the smallest normal
        {0x03ff, 0x387fc000}, // the largest subnormal, 1023 * 2^-24
        {0x0200, 0x38000000}, // 2^-15, a subnormal
        {0x0001, 0x33800000}, // 2^-24, the smallest subnormal
        {0x8001, 0xb3800000}, // -2^-24
        {0x7c00, 0x7f800000}, // +inf
        {0xfc00, 0xff800000}, // -inf
        {0x7e00, 0x7fc00000}, // quiet NaN
        {0x7e01, 0x7fc02000}, // quiet NaN with payload
        {0xfe00, 0xffc00000}, // negative quiet NaN
    };

    @Test
    void halfToFloatGivesTheExactBitsOfKnownPatterns() {
        for (int[] c : HALF_TO_FLOAT_BITS) {
            int bits = Float.floatToRawIntBits(HostTensor.halfToFloat((short) c[0]));
            assertThat(Integer.toHexString(bits)).as("half 0x%04x", c[0]).isEqualTo(Integer.toHexString(c[1]));
        }
    }

    @Test
    void halfToFloatAgreesWithTheDefinitionForEveryHalf() {
        for (int h = 0; h < 0x10000; h++) {
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            float actual = HostTensor.halfToFloat((short) h);
            if (exp == 0x1f) {
                assertThat(mant == 0 ? Float.isInfinite(actual) : Float.isNaN(actual)).as("half 0x%04x", h).isTrue();
                continue;
            }
            double expected = exp == 0 ? sign * mant * 0x1p-24 : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            assertThat(Float.floatToRawIntBits(actual)).as("half 0x%04x", h)
                    .isEqualTo(Float.floatToRawIntBits((float) expected));
        }
    }

    @Test
    void bf16UpcastsByAShiftOfSixteenBits() {
        short[] raw = {0x3f80, (short) 0xc049, 0x0001, 0x7f80, (short) 0xff80, 0x7fc1, 0x0000, (short) 0x8000};
        ByteBuffer buf = ByteBuffer.allocate(raw.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : raw) {
            buf.putShort(s);
        }
        buf.flip();

        float[] floats = HostTensor.of(DType.BF16, new int[] {raw.length}, buf).toFloats();

        for (int i = 0; i < raw.length; i++) {
            assertThat(Float.floatToRawIntBits(floats[i])).as("element %d", i).isEqualTo((raw[i] & 0xffff) << 16);
        }
    }

    @Test
    void f16TensorsUpcastElementByElement() {
        ByteBuffer buf = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0x3c00).putShort((short) 0x0001).putShort((short) 0xfc00).flip();

        float[] floats = HostTensor.of(DType.F16, new int[] {3}, buf).toFloats();

        assertThat(floats).containsExactly(1.0f, 0x1p-24f, Float.NEGATIVE_INFINITY);
    }

    @Test
    void integerTypesConvertAsJavaDoesAndU8IsUnsigned() {
        HostTensor u8 = HostTensor.ofUnsignedBytes(new byte[] {(byte) 255, 1}, 2);
        HostTensor i64 = HostTensor.ofLongs(new long[] {-3, 1L << 40}, 2);

        assertThat(u8.toLongs()).containsExactly(255, 1);
        assertThat(u8.toFloats()).containsExactly(255f, 1f);
        assertThat(i64.toLongs()).containsExactly(-3, 1L << 40);
    }

    @Test
    void rejectsDataThatDoesNotFillTheShape() {
        assertThatThrownBy(() -> HostTensor.of(DType.F32, new int[] {2, 3}, ByteBuffer.allocate(20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a F32 tensor of shape [2, 3] needs 24 bytes, got 20");
        assertThatThrownBy(() -> HostTensor.numel(2, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reshapeKeepsTheDataAndChecksTheCount() {
        HostTensor t = HostTensor.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);

        assertThat(t.reshape(3, 2).toFloats()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(t.reshape(3, 2).dim(-1)).isEqualTo(2);
        assertThatThrownBy(() -> t.reshape(4, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBufferHandedOutIsReadOnly() {
        HostTensor t = HostTensor.ofFloats(new float[] {1}, 1);

        assertThat(t.data().isReadOnly()).isTrue();
    }
}
