package io.vlm4j.processors.template;

/** A Python iterator: {@link #next()} gives the next item or {@link #END}. One per iteration. */
interface Iter {
    /** Returned by {@link #next()} when the iterator is exhausted. */
    Object END = new Object() {
        @Override
        public String toString() {
            return "<end>";
        }
    };

    Object next();
}
