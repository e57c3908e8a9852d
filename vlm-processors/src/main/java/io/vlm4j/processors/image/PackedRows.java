package io.vlm4j.processors.image;

/**
 * Where {@link BandedResize} puts the rows of its output window: each row packed four pixels to an {@code int} per
 * channel, {@code row[3 * (x / 4) + c]} holding channel c of pixels {@code x / 4 * 4 ..} in its bytes 0..3 (byte
 * {@code x % 4}), {@code ceil(width / 4)} ints per channel. Not thread-safe: one per resize.
 */
interface PackedRows {
    /** Row {@code y} of the window; {@code row} is reused for the next row. */
    void put(int y, int[] row);

    /** Rows into a planar 8-bit image {@code [3][height][width]}: what {@link Resample#resize} returns. */
    static PackedRows planar(byte[] out, int width, int height) {
        int plane = width * height;
        int whole = width >> 2;
        return (y, row) -> {
            for (int c = 0; c < 3; c++) {
                int o = c * plane + y * width;
                for (int q = 0; q < whole; q++) {
                    BandedResize.INTS.set(out, o + 4 * q, row[3 * q + c]);
                }
                int v = whole < (width + 3) >> 2 ? row[3 * whole + c] : 0;
                for (int x = 4 * whole; x < width; x++, v >>>= 8) {
                    out[o + x] = (byte) v;
                }
            }
        };
    }
}
