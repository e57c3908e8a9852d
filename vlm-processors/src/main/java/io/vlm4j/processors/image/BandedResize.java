package io.vlm4j.processors.image;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One 8-bit two-pass resize of one window ({@code libImaging/Resample.c}'s {@code ImagingResampleHorizontal_8bpc}
 * then {@code ImagingResampleVertical_8bpc}) of an interleaved RGB image, written for Java 17's auto-vectoriser.
 *
 * <p>What C2 in Java 17 vectorises decides the layout: loops over {@code int} arrays that all index with the loop
 * variable itself (an offset into any of them, or a {@code byte} to {@code int} conversion, keeps the loop scalar),
 * whose body is small enough to unroll sixteen times ({@code LoopUnrollLimit}: four products). Scalar work costs
 * five to ten times as much per value, so it is kept to one {@code int} move per four bytes:
 * <ul>
 *   <li>Source rows are taken in bands. Within a band, the source bytes are moved four at a time (one
 *       little-endian {@code int}) into a small ring of column arrays, {@code [row]} each, just before the first
 *       output column that reads them; the ring stays in the first-level cache.
 *   <li>An output column of the horizontal pass, one channel at a time, is a sum of scaled column arrays: each tap
 *       reads its byte out of the packed {@code int}s with a shift and a mask inside the vectorised loop.
 *   <li>Four output columns are clipped and packed back into one {@code int} per row and channel, and these go
 *       into a rolling buffer of packed rows ({@code [x / 4][channel]}).
 *   <li>The vertical pass emits each output row, as sums of scaled packed rows per byte lane, as soon as its rows
 *       are there; the lanes are clipped and packed, and the packed row goes to its {@link PackedRows} (an 8-bit
 *       image, or the pixel tensor through the rescale and normalize table).
 * </ul>
 * Integer sums are exact, so neither the order of the additions nor the packing changes a bit: every value is the
 * one Resample.c computes ({@code int} accumulation from {@code 1 << 21}, shift by 22, clip to 0..255 after each
 * pass). Only the output window is computed: each output pixel depends on its own taps alone.
 *
 * <p>Not thread-safe: one per resize, on a {@link Resample.Scratch} of one preprocess call.
 */
final class BandedResize {
    /** The most source rows per band: loops of up to 512 ints, a ring of 2 KiB columns in the first-level cache. */
    private static final int MAX_BAND = 512;
    /** The fewest source rows per band (where rows are long): shorter loops stop paying for their set-up. */
    private static final int MIN_BAND = 64;
    /** Target size of the rolling buffer of packed rows, in ints (1 MiB): wide outputs get shorter bands. */
    private static final int ROWS_INTS = 1 << 18;
    /** Packed source columns moved in one sweep over the band's rows (sixteen bytes of each row). */
    private static final int GROUP = 4;
    /** The most taps one vectorised sweep adds (a fifth product makes the loop too large to vectorise). */
    private static final int SWEEP = 4;

    /** Little-endian {@code int}s of a {@code byte[]}, at any byte offset. */
    static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final Uint8Image src;
    private final int wy;
    private final int ww;
    private final int wh;
    private final PackedRows out;
    private final boolean needH;
    private final boolean needV;
    private final ResampleCoefficients cx;
    private final ResampleCoefficients cy;
    private final int rowLo;
    private final int rowHi;
    private final int colLo;
    private final int colHi;
    private final int band;
    /** Packed ints per output row and channel: {@code ceil(ww / 4)}. */
    private final int w4;
    /** Packed source ints per band row: {@code ceil(3 * (colHi - colLo) / 4)}. */
    private final int srcInts;
    /** Packed source columns: {@code cols[q][r]} is the int at byte {@code 4 q} of the band's row r's span. */
    private final int[][] cols;
    /** Horizontal-pass accumulators of one block of four output columns: {@code lanes[3 * k + c][r]}. */
    private final int[][] lanes;
    /** The block's packed values per channel, {@code [r]}. */
    private final int[][] packed;
    /** Packed horizontal-pass rows, {@code [3 * (x / 4) + c]}; {@code rows[i]} is source row {@code bufStart + i}. */
    private final int[][] rows;
    /** The vertical pass's accumulators per byte lane, {@code [3 * (x / 4) + c]}. */
    private final int[][] acc;
    /** The vertical pass's packed output row. */
    private final int[] outRow;
    /** {@link ResampleCoefficients#HALF} repeated: the base the first sweep of taps adds to. */
    private final int[] half;
    private int bufStart;
    private int bufRows;

    /**
     * @param src an interleaved image whose every pixel is stored ({@link Uint8Image#isInterleaved()})
     */
    BandedResize(Uint8Image src, int outW, int outH, PILImageResampling filter, int wx, int wy, int ww, int wh,
            PackedRows out, Resample.Scratch scratch) {
        if (!src.isInterleaved()) {
            throw new IllegalArgumentException("not an interleaved stored image: " + src);
        }
        this.src = src;
        this.wy = wy;
        this.ww = ww;
        this.wh = wh;
        this.out = out;
        needH = outW != src.width;
        needV = outH != src.height;
        cx = needH ? ResampleCoefficients.of(src.width, outW, filter, wx, wx + ww) : null;
        cy = needV ? ResampleCoefficients.of(src.height, outH, filter, wy, wy + wh) : null;
        rowLo = needV ? cy.firstInput() : wy;
        rowHi = needV ? cy.endInput() : wy + wh;
        colLo = needH ? cx.firstInput() : wx;
        colHi = needH ? cx.endInput() : wx + ww;
        w4 = (ww + 3) >> 2;
        srcInts = (3 * (colHi - colLo) + 3) >> 2;
        int rowLength = 3 * w4;
        int rowsTotal = rowHi - rowLo;
        int maxBand = Math.max(MIN_BAND, Math.min(MAX_BAND, ROWS_INTS / rowLength));
        int bands = (rowsTotal + maxBand - 1) / maxBand;
        band = (rowsTotal + bands - 1) / bands;
        int keep = needV ? cy.maxTaps() : 1;
        scratch.rows = Resample.Scratch.grow(scratch.rows, keep + band, rowLength);
        scratch.acc = Resample.Scratch.grow(scratch.acc, 4, rowLength);
        if (scratch.outRow.length < rowLength) {
            scratch.outRow = new int[rowLength];
        }
        int longest = Math.max(rowLength, band);
        if (scratch.half.length < longest) {
            scratch.half = new int[longest];
            Arrays.fill(scratch.half, ResampleCoefficients.HALF);
        }
        if (needH) {
            int ringSize = 3 * cx.maxTaps() / 4 + 2 + GROUP;
            scratch.ring = Resample.Scratch.grow(scratch.ring, ringSize, band);
            if (scratch.cols.length < srcInts) {
                scratch.cols = new int[srcInts][];
            }
            for (int q = 0; q < srcInts; q++) {
                scratch.cols[q] = scratch.ring[q % ringSize];
            }
            scratch.lanes = Resample.Scratch.grow(scratch.lanes, 12, band);
            scratch.packed = Resample.Scratch.grow(scratch.packed, 3, band);
        }
        rows = scratch.rows;
        cols = scratch.cols;
        lanes = scratch.lanes;
        packed = scratch.packed;
        acc = scratch.acc;
        outRow = scratch.outRow;
        half = scratch.half;
    }

    void run() {
        bufStart = rowLo;
        bufRows = 0;
        int produced = rowLo;
        int next = 0;
        while (next < wh) {
            int keepFrom = needV ? cy.min[next] : wy + next;
            if (keepFrom > bufStart) {
                drop(Math.min(keepFrom - bufStart, bufRows));
            }
            if (produced >= rowHi) {
                throw new IllegalStateException("resample: output row " + next + " needs rows past " + rowHi);
            }
            int r1 = Math.min(rowHi, produced + band);
            if (needH) {
                horizontal(produced, r1);
            } else {
                copyRows(produced, r1);
            }
            bufRows += r1 - produced;
            produced = r1;
            while (next < wh && (needV ? cy.min[next] + cy.taps[next] : wy + next + 1) <= produced) {
                emit(next++);
            }
        }
    }

    /** Forgets the first {@code n} buffered rows; their arrays move to the end for reuse. */
    private void drop(int n) {
        if (n == 0) {
            return;
        }
        int[][] dropped = Arrays.copyOf(rows, n);
        System.arraycopy(rows, n, rows, 0, bufRows - n);
        System.arraycopy(dropped, 0, rows, bufRows - n, n);
        bufRows -= n;
        bufStart += n;
    }

    /** The byte offset in {@code src.data} of source row {@code r}'s first used byte (column colLo, red). */
    private int spanStart(int r) {
        return (src.y0 + r) * src.rowStride + (src.x0 + colLo) * 3;
    }

    /** The horizontal pass over source rows {@code [r0, r1)}, appended to the rows. */
    private void horizontal(int r0, int r1) {
        int nb = r1 - r0;
        int dst = r0 - bufStart;
        int transposed = 0;
        for (int x0 = 0; x0 < ww; x0 += 4) {
            for (int k = 0; k < 4; k++) {
                int xi = x0 + k;
                if (xi >= ww) {
                    for (int c = 0; c < 3; c++) {
                        Arrays.fill(lanes[3 * k + c], 0, nb, 0);
                    }
                    continue;
                }
                int first = cx.min[xi] - colLo;
                int taps = cx.taps[xi];
                int needed = (3 * (first + taps) + 3) >> 2;
                while (transposed < needed) {
                    int g = Math.min(GROUP, srcInts - transposed);
                    transpose(transposed, g, r0, nb);
                    transposed += g;
                }
                for (int c = 0; c < 3; c++) {
                    convolveBytes(lanes[3 * k + c], half, nb, cols, 3 * first + c, cx.fixed, xi * cx.ksize, taps);
                }
            }
            int q = x0 >> 2;
            for (int c = 0; c < 3; c++) {
                packClip(packed[c], lanes[c], lanes[3 + c], lanes[6 + c], lanes[9 + c], nb);
            }
            scatter(packed[0], packed[1], packed[2], rows, dst, nb, 3 * q);
        }
    }

    /** Packed source columns {@code [q, q + g)} of rows {@code [r0, r0 + nb)}. */
    private void transpose(int q, int g, int r0, int nb) {
        byte[] data = src.data;
        int rs = src.rowStride;
        int base = spanStart(r0) + 4 * q;
        if (g == 4 && spanStart(r0 + nb - 1) + 4 * q + 16 <= data.length) {
            transpose4(data, base, rs, nb, cols[q], cols[q + 1], cols[q + 2], cols[q + 3]);
            return;
        }
        for (int j = 0; j < g; j++) {
            int[] t = cols[q + j];
            for (int r = 0; r < nb; r++) {
                t[r] = readInt(data, base + r * rs + 4 * j);
            }
        }
    }

    /** Sixteen consecutive bytes of each row as four little-endian ints. */
    private static void transpose4(byte[] d, int base, int rs, int nb, int[] t0, int[] t1, int[] t2, int[] t3) {
        for (int r = 0; r < nb; r++) {
            int s = base + r * rs;
            t0[r] = (int) INTS.get(d, s);
            t1[r] = (int) INTS.get(d, s + 4);
            t2[r] = (int) INTS.get(d, s + 8);
            t3[r] = (int) INTS.get(d, s + 12);
        }
    }

    /** The little-endian int at byte {@code s}, with zeros for bytes past the end of {@code d}. */
    private static int readInt(byte[] d, int s) {
        if (s + 4 <= d.length) {
            return (int) INTS.get(d, s);
        }
        int v = 0;
        for (int t = 0; t < 4 && s + t < d.length; t++) {
            v |= (d[s + t] & 0xff) << (8 * t);
        }
        return v;
    }

    /** One packed int per channel and row into ints {@code [o, o + 3)} of rows {@code [dst, dst + nb)}. */
    private static void scatter(int[] p0, int[] p1, int[] p2, int[][] rows, int dst, int nb, int o) {
        for (int r = 0; r < nb; r++) {
            int[] row = rows[dst + r];
            row[o] = p0[r];
            row[o + 1] = p1[r];
            row[o + 2] = p2[r];
        }
    }

    /** Source rows {@code [r0, r1)}, columns of the window, packed unchanged (no horizontal pass). */
    private void copyRows(int r0, int r1) {
        byte[] data = src.data;
        for (int r = r0; r < r1; r++) {
            int[] row = rows[r - bufStart];
            int s = spanStart(r);
            for (int c = 0; c < 3; c++) {
                for (int q = 0; q < w4; q++) {
                    int v = 0;
                    for (int k = 0; k < 4 && 4 * q + k < ww; k++) {
                        v |= (data[s + 3 * (4 * q + k) + c] & 0xff) << (8 * k);
                    }
                    row[3 * q + c] = v;
                }
            }
        }
    }

    /** Output row {@code i} of the window (vertical pass, or a horizontal-pass row as it is). */
    private void emit(int i) {
        int[] row;
        if (needV) {
            int n = 3 * w4;
            int first = cy.min[i] - bufStart;
            int koff = i * cy.ksize;
            int taps = cy.taps[i];
            for (int k = 0; k < 4; k++) {
                convolveLane(acc[k], half, n, rows, first, 8 * k, cy.fixed, koff, taps);
            }
            packClip(outRow, acc[0], acc[1], acc[2], acc[3], n);
            row = outRow;
        } else {
            row = rows[wy + i - bufStart];
        }
        out.put(i, row);
    }

    /**
     * {@code dst[i] = HALF + sum over j < taps of byte(b0 + 3 * j)[i] * k[koff + j]} for {@code i < n}, where
     * byte(b)[i] is byte {@code b & 3} of {@code cols[b >> 2][i]}: sweeps of up to {@link #SWEEP} taps.
     */
    static void convolveBytes(int[] dst, int[] half, int n, int[][] cols, int b0, int[] k, int koff, int taps) {
        int[] base = half;
        int j = 0;
        do {
            int s = Math.min(SWEEP, taps - j);
            int b = b0 + 3 * j;
            int o = koff + j;
            switch (s) {
                case 0:
                    System.arraycopy(base, 0, dst, 0, n);
                    break;
                case 1:
                    sum1(dst, base, n, cols[b >> 2], (b & 3) << 3, k[o]);
                    break;
                case 2:
                    sum2(dst, base, n, cols[b >> 2], (b & 3) << 3, k[o], cols[(b + 3) >> 2], ((b + 3) & 3) << 3,
                            k[o + 1]);
                    break;
                case 3:
                    sum3(dst, base, n, cols[b >> 2], (b & 3) << 3, k[o], cols[(b + 3) >> 2], ((b + 3) & 3) << 3,
                            k[o + 1], cols[(b + 6) >> 2], ((b + 6) & 3) << 3, k[o + 2]);
                    break;
                default:
                    sumLanes(dst, base, n, cols, b, k, o);
                    break;
            }
            base = dst;
            j += s;
        } while (j < taps);
    }

    /**
     * Four taps at bytes {@code b, b + 3, b + 6, b + 9}: they lie in byte lanes {@code b, b - 1, b + 2, b + 1}
     * (mod 4), one in each, so that each is extracted with a constant shift (and lanes 0 and 3 with one operation).
     */
    private static void sumLanes(int[] dst, int[] base, int n, int[][] cols, int b, int[] k, int o) {
        // tap t lies in lane (b + 3t) & 3, so lane L holds tap 3 * (L - b) & 3 (3 is its own inverse mod 4)
        int m = b & 3;
        int t0 = (-3 * m) & 3;
        int t1 = (3 - 3 * m) & 3;
        int t2 = (6 - 3 * m) & 3;
        int t3 = (9 - 3 * m) & 3;
        lanes4(dst, base, n, cols[(b + 3 * t0) >> 2], k[o + t0], cols[(b + 3 * t1) >> 2], k[o + t1],
                cols[(b + 3 * t2) >> 2], k[o + t2], cols[(b + 3 * t3) >> 2], k[o + t3]);
    }

    /** One tap in each byte lane of four packed columns. */
    private static void lanes4(int[] d, int[] b, int n, int[] u0, int k0, int[] u1, int k1, int[] u2, int k2,
            int[] u3, int k3) {
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + (u0[i] & 0xff) * k0 + ((u1[i] >>> 8) & 0xff) * k1 + ((u2[i] >>> 16) & 0xff) * k2
                    + (u3[i] >>> 24) * k3;
        }
    }

    /**
     * {@code dst[i] = HALF + sum over j < taps of byte lane {@code shift / 8} of lines[first + j][i] * k[koff + j]}
     * for {@code i < n}: sweeps of up to {@link #SWEEP} taps.
     */
    static void convolveLane(int[] dst, int[] half, int n, int[][] lines, int first, int shift, int[] k, int koff,
            int taps) {
        int[] base = half;
        int j = 0;
        do {
            int s = Math.min(SWEEP, taps - j);
            int f = first + j;
            int o = koff + j;
            switch (s) {
                case 0:
                    System.arraycopy(base, 0, dst, 0, n);
                    break;
                case 1:
                    sum1(dst, base, n, lines[f], shift, k[o]);
                    break;
                case 2:
                    sum2(dst, base, n, lines[f], shift, k[o], lines[f + 1], shift, k[o + 1]);
                    break;
                case 3:
                    sum3(dst, base, n, lines[f], shift, k[o], lines[f + 1], shift, k[o + 1], lines[f + 2], shift,
                            k[o + 2]);
                    break;
                default:
                    switch (shift) {
                        case 0:
                            lane0(dst, base, n, lines, f, k, o);
                            break;
                        case 8:
                            lane1(dst, base, n, lines, f, k, o);
                            break;
                        case 16:
                            lane2(dst, base, n, lines, f, k, o);
                            break;
                        default:
                            lane3(dst, base, n, lines, f, k, o);
                            break;
                    }
                    break;
            }
            base = dst;
            j += s;
        } while (j < taps);
    }

    /** Four taps of byte lane 0: a constant shift. */
    private static void lane0(int[] d, int[] b, int n, int[][] l, int f, int[] k, int o) {
        int[] l0 = l[f];
        int[] l1 = l[f + 1];
        int[] l2 = l[f + 2];
        int[] l3 = l[f + 3];
        int k0 = k[o];
        int k1 = k[o + 1];
        int k2 = k[o + 2];
        int k3 = k[o + 3];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + (l0[i] & 0xff) * k0 + (l1[i] & 0xff) * k1
                    + (l2[i] & 0xff) * k2 + (l3[i] & 0xff) * k3;
        }
    }

    /** Four taps of byte lane 1: a constant shift. */
    private static void lane1(int[] d, int[] b, int n, int[][] l, int f, int[] k, int o) {
        int[] l0 = l[f];
        int[] l1 = l[f + 1];
        int[] l2 = l[f + 2];
        int[] l3 = l[f + 3];
        int k0 = k[o];
        int k1 = k[o + 1];
        int k2 = k[o + 2];
        int k3 = k[o + 3];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + ((l0[i] >>> 8) & 0xff) * k0 + ((l1[i] >>> 8) & 0xff) * k1
                    + ((l2[i] >>> 8) & 0xff) * k2 + ((l3[i] >>> 8) & 0xff) * k3;
        }
    }

    /** Four taps of byte lane 2: a constant shift. */
    private static void lane2(int[] d, int[] b, int n, int[][] l, int f, int[] k, int o) {
        int[] l0 = l[f];
        int[] l1 = l[f + 1];
        int[] l2 = l[f + 2];
        int[] l3 = l[f + 3];
        int k0 = k[o];
        int k1 = k[o + 1];
        int k2 = k[o + 2];
        int k3 = k[o + 3];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + ((l0[i] >>> 16) & 0xff) * k0 + ((l1[i] >>> 16) & 0xff) * k1
                    + ((l2[i] >>> 16) & 0xff) * k2 + ((l3[i] >>> 16) & 0xff) * k3;
        }
    }

    /** Four taps of byte lane 3: a constant shift. */
    private static void lane3(int[] d, int[] b, int n, int[][] l, int f, int[] k, int o) {
        int[] l0 = l[f];
        int[] l1 = l[f + 1];
        int[] l2 = l[f + 2];
        int[] l3 = l[f + 3];
        int k0 = k[o];
        int k1 = k[o + 1];
        int k2 = k[o + 2];
        int k3 = k[o + 3];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + (l0[i] >>> 24) * k0 + (l1[i] >>> 24) * k1
                    + (l2[i] >>> 24) * k2 + (l3[i] >>> 24) * k3;
        }
    }

    private static void sum1(int[] d, int[] b, int n, int[] u0, int s0, int k0) {
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + ((u0[i] >>> s0) & 0xff) * k0;
        }
    }

    private static void sum2(int[] d, int[] b, int n, int[] u0, int s0, int k0, int[] u1, int s1, int k1) {
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + ((u0[i] >>> s0) & 0xff) * k0 + ((u1[i] >>> s1) & 0xff) * k1;
        }
    }

    private static void sum3(int[] d, int[] b, int n, int[] u0, int s0, int k0, int[] u1, int s1, int k1,
            int[] u2, int s2, int k2) {
        for (int i = 0; i < n; i++) {
            d[i] = b[i] + ((u0[i] >>> s0) & 0xff) * k0 + ((u1[i] >>> s1) & 0xff) * k1
                    + ((u2[i] >>> s2) & 0xff) * k2;
        }
    }

    /** {@code p[i]} = the four accumulators clipped ({@link #clip8}), lane k in bits {@code 8k..8k+7}. */
    static void packClip(int[] p, int[] a0, int[] a1, int[] a2, int[] a3, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = clip8(a0[i]) | clip8(a1[i]) << 8 | clip8(a2[i]) << 16 | clip8(a3[i]) << 24;
        }
    }

    /**
     * Resample.c's {@code clip8}: the accumulator's integer part clipped to 0..255, without branches or
     * {@code Math.min/max} so that C2 vectorises the loops that call it.
     */
    static int clip8(int acc) {
        int v = acc >> ResampleCoefficients.PRECISION_BITS;
        v &= ~(v >> 31); // below 0: 0
        int over = (255 - v) >> 31; // above 255: all ones
        return (v | over) & 255;
    }
}
