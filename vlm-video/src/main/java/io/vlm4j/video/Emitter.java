package io.vlm4j.video;

import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoDecoder.FrameSink;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Hands decoded frames to the caller's sink in the order the caller asked for them (which may repeat or go
 * backwards), as soon as each is next in line. Frames come in ascending order, so a request in ascending order
 * streams with nothing held; a frame asked for again later, or before its turn, is held until then.
 *
 * <p>Called by one thread at a time.
 */
final class Emitter implements Lane.Delivery {
    private record Arrival(double seconds, RgbImage image) {}

    private final int[] requested;
    private final FrameSink sink;
    private final Map<Integer, Integer> stillNeeded = new HashMap<>();
    private final Map<Integer, Arrival> held = new HashMap<>();
    private final TreeSet<Integer> notArrived = new TreeSet<>();
    private int next;

    Emitter(int[] requested, FrameSink sink) {
        this.requested = requested.clone();
        this.sink = sink;
        for (int k : requested) {
            stillNeeded.merge(k, 1, Integer::sum);
            notArrived.add(k);
        }
    }

    @Override
    public void frame(int index, double seconds, RgbImage image) {
        if (!notArrived.remove(index)) {
            return;
        }
        held.put(index, new Arrival(seconds, image));
        while (next < requested.length) {
            int k = requested[next];
            Arrival a = held.get(k);
            if (a == null) {
                break;
            }
            next++;
            if (stillNeeded.merge(k, -1, Integer::sum) == 0) {
                held.remove(k);
            }
            sink.accept(k, a.seconds(), a.image());
        }
    }

    /** The distinct requested frames that have not arrived, ascending. */
    int[] notArrived() {
        return notArrived.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean done() {
        return next == requested.length;
    }

    /** The distinct requested frame indices, ascending. */
    static int[] sortedDistinct(int[] indices) {
        return Arrays.stream(indices).sorted().distinct().toArray();
    }
}
