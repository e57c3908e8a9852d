package io.vlm4j.processors.image;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.processing.ImageSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Readers of {@code preprocessor_config.json} values with the semantics HF 4.46's image processors give them when
 * {@code from_pretrained} passes the file's keys as keyword arguments.
 *
 * <p>An absent key takes the class default. A JSON {@code null} is Python's {@code None}: for sizes, means, stds
 * and pinpoints the class's {@code x if x is not None else default} makes it the default too, but a {@code None}
 * flag ({@code do_resize: null}) overrides the default and is false, as {@code preprocess} tests it for truth.
 * Every bad value is a {@link io.vlm4j.ConfigException} naming its JSON path. Stateless.
 */
final class PreprocessorConfig {
    /** HF's IMAGENET_STANDARD_MEAN and _STD. */
    static final double[] IMAGENET_STANDARD_MEAN = {0.5, 0.5, 0.5};
    static final double[] IMAGENET_STANDARD_STD = {0.5, 0.5, 0.5};
    /** HF's OPENAI_CLIP_MEAN and _STD. */
    static final double[] OPENAI_CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
    static final double[] OPENAI_CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    /** {@code image_processing_utils.VALID_SIZE_DICT_KEYS}. */
    private static final List<Set<String>> VALID_SIZE_DICT_KEYS = List.of(
            Set.of("height", "width"), Set.of("shortest_edge"), Set.of("shortest_edge", "longest_edge"),
            Set.of("longest_edge"), Set.of("max_height", "max_width"));

    private PreprocessorConfig() {}

    /** A {@code do_*} flag: absent gives {@code defaultValue}, {@code null} gives false. */
    static boolean flag(ConfigNode config, String key, boolean defaultValue) {
        ConfigNode n = config.get(key);
        if (n.isMissing()) {
            return defaultValue;
        }
        if (n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw n.error("true, false or null");
        }
        return n.asBoolean();
    }

    /** {@code resample}: a PIL filter number; absent gives {@code defaultValue}. */
    static PILImageResampling resample(ConfigNode config, PILImageResampling defaultValue) {
        ConfigNode n = config.get("resample");
        return n.isMissing() ? defaultValue : PILImageResampling.of(n);
    }

    /** {@code rescale_factor}, read only when {@code do_rescale} is set (HF requires it then). */
    static double rescaleFactor(ConfigNode config, boolean doRescale) {
        ConfigNode n = config.get("rescale_factor");
        if (n.isMissing()) {
            return 1.0 / 255;
        }
        if (!doRescale) {
            return n.isNumber() ? n.asDouble() : 1.0 / 255;
        }
        if (!n.isNumber()) {
            throw n.error("a number (do_rescale is set)");
        }
        return n.asDouble();
    }

    /**
     * {@code image_mean} / {@code image_std}: a number (all channels) or 3 numbers, cast to float32 as
     * {@code normalize} does ({@code np.array(mean, dtype=image.dtype)}).
     */
    static float[] channels(ConfigNode config, String key, double[] defaultValue, boolean positive) {
        ConfigNode n = config.get(key);
        double[] v;
        if (n.isAbsent()) {
            v = defaultValue;
        } else if (n.isNumber()) {
            v = new double[] {n.asDouble(), n.asDouble(), n.asDouble()};
        } else if (n.isArray() && n.size() == 3) {
            v = new double[3];
            for (int i = 0; i < 3; i++) {
                ConfigNode e = n.get(i);
                if (!e.isNumber()) {
                    throw e.error("a number");
                }
                v[i] = e.asDouble();
            }
        } else {
            throw n.error("a number or a list of 3 numbers (one per RGB channel)");
        }
        float[] out = new float[3];
        for (int i = 0; i < 3; i++) {
            out[i] = (float) v[i];
            if (positive && !(out[i] != 0.0f && Float.isFinite(out[i]))) {
                throw (n.isArray() ? n.get(i) : n).error("a finite non-zero standard deviation");
            }
        }
        return out;
    }

    /**
     * A size as {@code get_size_dict(size, default_to_square=...)} makes it: an int is a square
     * ({@code default_to_square}) or a shortest edge, a 2-list is {@code [height, width]}, an object must have one
     * of HF's key sets; absent or null gives {@code defaultValue}.
     */
    static SizeDict size(ConfigNode config, String key, SizeDict defaultValue, boolean defaultToSquare) {
        ConfigNode n = config.get(key);
        if (n.isAbsent()) {
            return defaultValue;
        }
        if (n.isIntegral()) {
            int v = positive(n);
            return defaultToSquare ? SizeDict.heightWidth(v, v) : SizeDict.shortestEdge(v);
        }
        if (n.isArray()) {
            if (n.size() != 2) {
                throw n.error("a size: an integer, [height, width] or an object");
            }
            return SizeDict.heightWidth(positive(n.get(0)), positive(n.get(1)));
        }
        if (!n.isObject() || !VALID_SIZE_DICT_KEYS.contains(n.keys())) {
            throw n.error("a size object with one of the key sets " + VALID_SIZE_DICT_KEYS);
        }
        return new SizeDict(optPositive(n, "height"), optPositive(n, "width"), optPositive(n, "shortest_edge"),
                optPositive(n, "longest_edge"));
    }

    /** {@code image_grid_pinpoints}: a list of {@code [height, width]}; absent or null gives the default. */
    static List<ImageSize> pinpoints(ConfigNode config, List<ImageSize> defaultValue) {
        ConfigNode n = config.get("image_grid_pinpoints");
        if (n.isAbsent()) {
            return defaultValue;
        }
        if (!n.isArray() || n.size() == 0) {
            throw n.error("a non-empty list of [height, width] resolutions");
        }
        List<ImageSize> out = new ArrayList<>(n.size());
        for (ConfigNode e : n.elements()) {
            if (!e.isArray() || e.size() != 2) {
                throw e.error("a resolution [height, width]");
            }
            out.add(new ImageSize(positive(e.get(0)), positive(e.get(1))));
        }
        return List.copyOf(out);
    }

    /**
     * {@code do_rescale}, {@code rescale_factor}, {@code do_normalize}, {@code image_mean} and {@code image_std}
     * as one table of output values.
     */
    static RescaleNormalize rescaleNormalize(ConfigNode config, double[] defaultMean, double[] defaultStd) {
        boolean doRescale = flag(config, "do_rescale", true);
        double rescaleFactor = rescaleFactor(config, doRescale);
        boolean doNormalize = flag(config, "do_normalize", true);
        float[] mean = channels(config, "image_mean", defaultMean, false);
        float[] std = channels(config, "image_std", defaultStd, true);
        return new RescaleNormalize(doRescale, rescaleFactor, doNormalize, mean, std);
    }

    /** The pinpoints {@code [base * i, base * j]} for i, j = 1..n, row-major (HF's anyres defaults). */
    static List<ImageSize> grid(int base, int n) {
        List<ImageSize> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                out.add(new ImageSize(base * i, base * j));
            }
        }
        return List.copyOf(out);
    }

    private static int optPositive(ConfigNode object, String key) {
        return object.has(key) ? positive(object.get(key)) : SizeDict.ABSENT;
    }

    private static int positive(ConfigNode n) {
        if (!n.isIntegral() || n.asLong() < 1 || n.asLong() > (1 << 20)) {
            throw n.error("a positive integer size (1 to 1048576 pixels)");
        }
        return n.asInt();
    }

    /**
     * HF's size dict: the keys it has, {@link #ABSENT} for the others.
     *
     * @param height {@code height}
     * @param width {@code width}
     * @param shortestEdge {@code shortest_edge}
     * @param longestEdge {@code longest_edge}
     */
    record SizeDict(int height, int width, int shortestEdge, int longestEdge) {
        static final int ABSENT = -1;

        static SizeDict heightWidth(int height, int width) {
            return new SizeDict(height, width, ABSENT, ABSENT);
        }

        static SizeDict shortestEdge(int edge) {
            return new SizeDict(ABSENT, ABSENT, edge, ABSENT);
        }

        boolean hasHeightWidth() {
            return height != ABSENT && width != ABSENT;
        }

        boolean hasShortestEdge() {
            return shortestEdge != ABSENT;
        }
    }
}
