package io.vlm4j.processors.tokenizer;

import java.util.Arrays;

/** A growable list of ints. Not thread-safe. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    void addAll(int[] vs) {
        addAll(vs, 0, vs.length);
    }

    void addAll(int[] vs, int from, int to) {
        int n = to - from;
        if (size + n > values.length) {
            values = Arrays.copyOf(values, Math.max(size + n, size * 2));
        }
        System.arraycopy(vs, from, values, size, n);
        size += n;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    void removeFirst(int n) {
        System.arraycopy(values, n, values, 0, size - n);
        size -= n;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
