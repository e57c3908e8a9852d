package io.vlm4j.video;

import java.util.concurrent.atomic.LongAdder;

/**
 * What decoding did, counted for tests and benchmarks: packets sent to the decoder, non-reference packets skipped,
 * seeks, frames converted to RGB, and decodes that fell back to decoding from the start.
 *
 * <p>Thread-safe.
 */
final class DecodeStats {
    final LongAdder packetsDecoded = new LongAdder();
    final LongAdder nonReferenceSkipped = new LongAdder();
    final LongAdder seeks = new LongAdder();
    final LongAdder converted = new LongAdder();
    final LongAdder fallbacks = new LongAdder();

    void reset() {
        packetsDecoded.reset();
        nonReferenceSkipped.reset();
        seeks.reset();
        converted.reset();
        fallbacks.reset();
    }

    @Override
    public String toString() {
        return "decoded " + packetsDecoded + " packets (skipped " + nonReferenceSkipped + " non-reference), "
                + seeks + " seeks, " + converted + " frames converted, " + fallbacks + " fallbacks";
    }
}
