package io.vlm4j.tensor;

/**
 * A backend's own accounting of the native tensors it holds: what tests read to prove that every scope frees
 * what it made.
 *
 * @param liveTensors tensors created and not yet closed (views included)
 * @param liveBytes their element bytes, {@code numel × element size} each (a view counts as its own size)
 */
public record MemoryUsage(long liveTensors, long liveBytes) {
    public MemoryUsage {
        if (liveTensors < 0 || liveBytes < 0) {
            throw new IllegalArgumentException("negative memory usage: " + liveTensors + " tensors, " + liveBytes
                    + " bytes");
        }
    }
}
