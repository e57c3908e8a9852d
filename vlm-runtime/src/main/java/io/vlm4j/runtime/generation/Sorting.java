package io.vlm4j.runtime.generation;

/** Index sorts of float scores, ties by ascending index (a stable sort). */
final class Sorting {
    private Sorting() {}

    /**
     * The indices of {@code values} in ascending order of value: each value and its index packed in one long
     * (the float's bits mapped to a monotone integer), so one primitive sort does it.
     */
    static int[] ascending(float[] values) {
        long[] packed = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToIntBits(values[i]);
            int key = bits < 0 ? ~bits : bits | 0x80000000; // total order, -inf < … < +inf
            packed[i] = ((long) (key ^ 0x80000000) << 32) | i;
        }
        java.util.Arrays.sort(packed);
        int[] order = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }
}
