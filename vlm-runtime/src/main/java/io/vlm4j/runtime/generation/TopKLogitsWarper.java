package io.vlm4j.runtime.generation;

import java.util.Arrays;

/**
 * HF's {@code TopKLogitsWarper}: scores below the k-th largest become {@code -inf} (ties with it stay).
 *
 * <p><a href="https://github.com/huggingface/transformers/blob/v4.46.0/src/transformers/generation/logits_process.py">
 * logits_process.py</a> at v4.46.0. Immutable.
 */
public final class TopKLogitsWarper implements LogitsProcessor {
    private final int topK;

    /**
     * @param topK the tokens to keep, {@code max(top_k, min_tokens_to_keep)}
     * @throws IllegalArgumentException unless {@code topK > 0}
     */
    public TopKLogitsWarper(int topK, int minTokensToKeep) {
        if (topK <= 0) {
            throw new IllegalArgumentException("`top_k` has to be a strictly positive integer, but is " + topK);
        }
        this.topK = Math.max(topK, minTokensToKeep);
    }

    @Override
    public void process(int[] inputIds, float[] scores) {
        int k = Math.min(topK, scores.length);
        float kth = kthLargest(scores, k);
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < kth) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /** The k-th largest value: a size-k min-heap over the scores (k is small: 50 by default). */
    static float kthLargest(float[] scores, int k) {
        if (k > 4096) {
            float[] sorted = scores.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length - k];
        }
        float[] heap = new float[k];
        int size = 0;
        for (float v : scores) {
            if (size < k) {
                heap[size] = v;
                int i = size++;
                while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
                    swap(heap, i, (i - 1) / 2);
                    i = (i - 1) / 2;
                }
            } else if (v > heap[0]) {
                heap[0] = v;
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int m = i;
                    if (l < k && heap[l] < heap[m]) {
                        m = l;
                    }
                    if (r < k && heap[r] < heap[m]) {
                        m = r;
                    }
                    if (m == i) {
                        break;
                    }
                    swap(heap, i, m);
                    i = m;
                }
            }
        }
        return heap[0];
    }

    private static void swap(float[] a, int i, int j) {
        float t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
