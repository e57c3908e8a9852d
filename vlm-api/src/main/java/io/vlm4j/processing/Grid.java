package io.vlm4j.processing;

/**
 * A grid of tiles or of vision features: rows (height) by columns (width).
 *
 * <p>Immutable.
 *
 * @param rows rows, at least 0
 * @param cols columns, at least 0
 */
public record Grid(int rows, int cols) {
    public Grid {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a grid needs rows and columns >= 0, got " + rows + "x" + cols);
        }
    }

    /** {@code rows * cols}. */
    public int area() {
        return Math.multiplyExact(rows, cols);
    }

    @Override
    public String toString() {
        return rows + "x" + cols;
    }
}
