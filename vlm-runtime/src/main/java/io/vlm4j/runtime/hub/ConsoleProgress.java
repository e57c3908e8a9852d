package io.vlm4j.runtime.hub;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows downloads on a console stream (stderr): on a terminal, a bar per file redrawn in place; elsewhere
 * (a log, a pipe) one line per file as it starts. Files found in the cache show nothing. Thread-safe.
 */
public final class ConsoleProgress implements ProgressListener {
    private static final int BAR_WIDTH = 30;
    private static final int NAME_WIDTH = 40;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private long startedAt;
    private long resumedFrom;
    private long lastDrawn;

    /**
     * @param err where to write
     * @param terminal whether {@code err} is a terminal, which can redraw a line
     */
    public ConsoleProgress(PrintWriter err, boolean terminal) {
        this.err = Objects.requireNonNull(err, "err");
        this.terminal = terminal;
    }

    @Override
    public synchronized void fileStarted(String file, long size, long resumedFrom) {
        this.startedAt = System.nanoTime();
        this.resumedFrom = resumedFrom;
        this.lastDrawn = 0;
        if (terminal) {
            draw(file, resumedFrom, size);
        } else {
            err.println("downloading " + file + " (" + bytes(size)
                    + (resumedFrom > 0 ? ", resuming at " + bytes(resumedFrom) : "") + ")");
            err.flush();
        }
    }

    @Override
    public synchronized void fileProgress(String file, long bytesDone, long size) {
        long now = System.nanoTime();
        if (terminal && now - lastDrawn >= REDRAW_NANOS) {
            lastDrawn = now;
            draw(file, bytesDone, size);
        }
    }

    @Override
    public synchronized void fileFinished(String file, long size, boolean downloaded) {
        if (terminal && downloaded) {
            draw(file, size, size);
            err.println();
            err.flush();
        }
    }

    private void draw(String file, long done, long size) {
        double fraction = size <= 0 ? 1 : Math.min(1, (double) done / size);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        String rate = seconds > 0.2 ? bytes((long) ((done - resumedFrom) / seconds)) + "/s" : "";
        String name = file.length() > NAME_WIDTH ? "…" + file.substring(file.length() - NAME_WIDTH + 1) : file;
        err.print(String.format(Locale.ROOT, "\r%-" + NAME_WIDTH + "s [%s%s] %3d%% %9s / %-9s %10s", name,
                "=".repeat(filled), " ".repeat(BAR_WIDTH - filled), Math.round(fraction * 100), bytes(done),
                bytes(size), rate));
        err.flush();
    }

    /** A size in decimal units, as tqdm's {@code unit_scale} shows it. */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
