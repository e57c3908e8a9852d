package io.vlm4j.processors.template;

/** A Python {@code range} (lazy: never materialised unless the template asks). Immutable. */
final class PyRange {
    final long start;
    final long stop;
    final long step;
    final long length;

    PyRange(long start, long stop, long step) {
        this.start = start;
        this.stop = stop;
        this.step = step;
        long n;
        if (step > 0) {
            n = start < stop ? (stop - start - 1) / step + 1 : 0;
        } else {
            n = start > stop ? (start - stop - 1) / (-step) + 1 : 0;
        }
        this.length = n;
    }

    long get(long i) {
        return start + i * step;
    }

    Iter iter() {
        return new Iter() {
            long i;

            @Override
            public Object next() {
                return i < length ? (Object) get(i++) : END;
            }
        };
    }
}
