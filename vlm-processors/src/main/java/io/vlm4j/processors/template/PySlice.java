package io.vlm4j.processors.template;

/** A Python {@code slice(start, stop, step)} of a subscript {@code x[a:b:c]}. Immutable. */
final class PySlice {
    final Object start;
    final Object stop;
    final Object step;

    PySlice(Object start, Object stop, Object step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
    }

    private static long index(Object o, long dflt) {
        if (o == null) {
            return dflt;
        }
        if (!Py.isInt(o)) {
            throw Py.typeError("slice indices must be integers or None or have an __index__ method");
        }
        return Py.asIndex(o);
    }

    /** Python's {@code slice.indices(len)} with the item count: {start, stop, step, count}. */
    long[] indices(long len) {
        long st = index(step, 1);
        if (st == 0) {
            throw Py.valueError("slice step cannot be zero");
        }
        long lo;
        long hi;
        if (st > 0) {
            lo = index(start, 0);
            hi = index(stop, len);
            lo = adjust(lo, len, 0, len);
            hi = adjust(hi, len, 0, len);
        } else {
            lo = index(start, len - 1);
            hi = stop == null ? -1 : index(stop, -1);
            lo = adjust(lo, len, -1, len - 1);
            if (stop != null) {
                hi = adjust(hi, len, -1, len - 1);
            }
        }
        long count;
        if (st > 0) {
            count = lo < hi ? (hi - lo - 1) / st + 1 : 0;
        } else {
            count = hi < lo ? (lo - hi - 1) / (-st) + 1 : 0;
        }
        return new long[] {lo, hi, st, count};
    }

    private static long adjust(long i, long len, long low, long high) {
        if (i < 0) {
            i += len;
            if (i < 0) {
                i = low;
            }
        } else if (i > high) {
            i = high;
        }
        return i;
    }
}
