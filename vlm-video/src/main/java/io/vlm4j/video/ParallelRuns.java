package io.vlm4j.video;

import io.vlm4j.media.RgbImage;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes independent runs on several lanes at once and hands their frames to the caller's thread in frame order.
 *
 * <p>Memory stays bounded however long the video: a lane starts run {@code j} only while {@code j} is fewer than
 * {@code 2 × lanes} runs ahead of the run being handed out (so that a lane done with a short run need not idle
 * behind a long one), and each run holds at most {@link #QUEUE} converted frames before its lane waits. The lane of the run being handed out always makes progress, so nothing deadlocks.
 *
 * <p>One per decode.
 */
final class ParallelRuns {
    /** Frames a run that is not yet being handed out may hold. */
    static final int QUEUE = 4;

    private record Item(int index, double seconds, RgbImage image, Throwable error, boolean end) {}

    private final StreamIndex index;
    private final Run[] runs;
    private final List<Lane> lanes;
    private final BlockingQueue<Item>[] queues;
    private final AtomicInteger nextRun = new AtomicInteger();
    private final Object turn = new Object();
    private volatile int head;
    private volatile boolean cancelled;

    @SuppressWarnings("unchecked")
    ParallelRuns(StreamIndex index, Run[] runs, List<Lane> lanes) {
        this.index = index;
        this.runs = runs;
        this.lanes = lanes;
        this.queues = new BlockingQueue[runs.length];
        for (int i = 0; i < runs.length; i++) {
            queues[i] = new ArrayBlockingQueue<>(QUEUE + 1);
        }
    }

    /** Decodes every run and delivers its frames to {@code out} on this thread, in order. */
    void execute(Lane.Delivery out) {
        ExecutorService pool = Executors.newFixedThreadPool(lanes.size(), r -> {
            Thread t = new Thread(r, "vlm4j-video-decode");
            t.setDaemon(true);
            return t;
        });
        try {
            for (Lane lane : lanes) {
                pool.execute(() -> work(lane));
            }
            for (int j = 0; j < runs.length; j++) {
                while (true) {
                    Item item = take(queues[j]);
                    if (item.error != null) {
                        rethrow(item.error);
                    }
                    if (item.end) {
                        break;
                    }
                    out.frame(item.index, item.seconds, item.image);
                }
                synchronized (turn) {
                    head = j + 1;
                    turn.notifyAll();
                }
            }
        } finally {
            cancelled = true;
            synchronized (turn) {
                turn.notifyAll();
            }
            pool.shutdown();
            awaitQuietly(pool);
        }
    }

    private void work(Lane lane) {
        while (!cancelled) {
            int j = nextRun.getAndIncrement();
            if (j >= runs.length) {
                return;
            }
            synchronized (turn) {
                while (!cancelled && j >= head + 2 * lanes.size()) {
                    try {
                        turn.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            if (cancelled) {
                return;
            }
            BlockingQueue<Item> queue = queues[j];
            try {
                lane.decodeRun(index, runs[j], new Lane.Delivery() {
                    @Override
                    public void frame(int k, double seconds, RgbImage image) {
                        put(queue, new Item(k, seconds, image, null, false));
                    }

                    @Override
                    public boolean cancelled() {
                        return cancelled;
                    }
                });
                put(queue, new Item(-1, 0, null, null, true));
            } catch (RuntimeException | Error e) {
                put(queue, new Item(-1, 0, null, e, false));
                return;
            }
        }
    }

    private void put(BlockingQueue<Item> queue, Item item) {
        try {
            while (!cancelled) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Item take(BlockingQueue<Item> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaFailure("interrupted while decoding", e);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        throw (Error) t;
    }

    private static void awaitQuietly(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
