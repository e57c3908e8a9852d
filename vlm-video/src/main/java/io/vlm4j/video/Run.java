package io.vlm4j.video;

import java.util.Arrays;

/**
 * A stretch of packets decoded in one go: from the keyframe at decode position {@code start} through
 * {@code end}, the last packet a target of the run needs, and the frames (targets) it delivers.
 *
 * <p>Targets whose keyframe lies within a run's stretch join it (decoding on is never more work than seeking back
 * to a keyframe already passed); a target whose keyframe lies beyond starts a new run, reached by seeking.
 *
 * <p>One per decode; used by one thread at a time.
 */
final class Run {
    final int start;
    final int end;
    /** The frame indices this run delivers, ascending. */
    final int[] targets;
    private final int[] targetPackets;
    private final boolean[] taken;
    private int takenCount;

    private Run(int start, int end, int[] targets, int[] targetPackets) {
        this.start = start;
        this.end = end;
        this.targets = targets;
        this.targetPackets = targetPackets;
        Arrays.sort(this.targetPackets);
        this.taken = new boolean[targets.length];
    }

    /** The runs that deliver {@code sortedTargets} (ascending, distinct frame indices), in frame order. */
    static Run[] plan(StreamIndex index, int[] sortedTargets) {
        Run[] runs = new Run[sortedTargets.length];
        int count = 0;
        int i = 0;
        while (i < sortedTargets.length) {
            int start = index.keyframeFor(sortedTargets[i]);
            if (start < 0) {
                return null;
            }
            int end = index.framePacket[sortedTargets[i]];
            int j = i + 1;
            while (j < sortedTargets.length) {
                int key = index.keyframeFor(sortedTargets[j]);
                if (key < 0 || key < start || key > end) {
                    break;
                }
                end = Math.max(end, index.framePacket[sortedTargets[j]]);
                j++;
            }
            int[] targets = Arrays.copyOfRange(sortedTargets, i, j);
            int[] packets = new int[targets.length];
            for (int t = 0; t < targets.length; t++) {
                packets[t] = index.framePacket[targets[t]];
            }
            runs[count++] = new Run(start, end, targets, packets);
            i = j;
        }
        return Arrays.copyOf(runs, count);
    }

    /**
     * One run from the stream's first packet (a keyframe shown first, as indexed streams have) through the last
     * packet any of {@code sortedTargets} needs: decoding from the start, where seeking would save too little.
     */
    static Run fromStart(StreamIndex index, int[] sortedTargets) {
        int end = 0;
        int[] packets = new int[sortedTargets.length];
        for (int t = 0; t < sortedTargets.length; t++) {
            packets[t] = index.framePacket[sortedTargets[t]];
            end = Math.max(end, packets[t]);
        }
        return new Run(0, end, sortedTargets.clone(), packets);
    }

    /** Packets this run decodes at most (its cost). */
    int packets() {
        return end - start + 1;
    }

    int targetCount() {
        return targets.length;
    }

    boolean isTargetPacket(int position) {
        return Arrays.binarySearch(targetPackets, position) >= 0;
    }

    /** Marks frame {@code k} delivered; true if it is a target of this run not delivered before. */
    boolean take(int k) {
        int i = Arrays.binarySearch(targets, k);
        if (i < 0 || taken[i]) {
            return false;
        }
        taken[i] = true;
        takenCount++;
        return true;
    }

    boolean complete() {
        return takenCount == targets.length;
    }
}
