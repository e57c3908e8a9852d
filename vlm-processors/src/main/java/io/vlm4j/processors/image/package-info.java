/**
 * HF 4.46's image and video processors, pixel for pixel: {@link io.vlm4j.processors.image.SiglipImageProcessor},
 * {@link io.vlm4j.processors.image.CLIPImageProcessor}, {@link io.vlm4j.processors.image.VideoLlavaImageProcessor},
 * {@link io.vlm4j.processors.image.LlavaNextImageProcessor},
 * {@link io.vlm4j.processors.image.LlavaOnevisionImageProcessor},
 * {@link io.vlm4j.processors.image.LlavaOnevisionVideoProcessor} and
 * {@link io.vlm4j.processors.image.LlavaNextVideoImageProcessor}, registered by HF class name through
 * {@link io.vlm4j.processors.image.HfImageProcessorFactory} and
 * {@link io.vlm4j.processors.image.HfVideoProcessorFactory}; and {@link io.vlm4j.processors.image.AnyResolution},
 * the anyres shape arithmetic (best resolution, grids, unpadding, anyres_max_N, token counts) as Java ints.
 *
 * <h2>Resampling</h2>
 * {@link io.vlm4j.processors.image.Resample} is a re-implementation, written here, of Pillow 9.4's
 * {@code Image.resize} ({@code libImaging/Resample.c}: separable horizontal-then-vertical passes, a pass skipped
 * when its size does not change, the filter support scaled by the downscale factor, taps normalised then rounded
 * to 22-bit fixed point, {@code int} accumulation from {@code 1 << 21} and clipping to 0..255 after each pass, the
 * double path of mode "F"; {@code Geometry.c}'s affine scaling for NEAREST). No Java library reproduces PIL bit for
 * bit (java.awt, imgscalr, Thumbnailator and OpenCV's resize all use other kernels, rounding or pass structure), and
 * HF's processors are defined by what PIL computes, so it is written from Pillow's algorithm and checked against
 * HF's own outputs (the golden tests).
 *
 * <h2>The path HF takes through PIL</h2>
 * HF's processors hand {@code image_transforms.resize} the {@code uint8} array of the decoded image (or of its
 * padded tiles): every resize comes before {@code rescale}. {@code to_pil_image} therefore sees uint8 data,
 * {@code _rescale_for_pil_conversion} says no rescale, PIL works in mode "RGB" (the 8-bit path) and
 * {@code np.array} gives the uint8 result back unchanged. (Only a float input in [0, 1] would be multiplied by 255
 * and truncated by {@code astype(np.uint8)} before PIL and divided by 255 after; the processors here take
 * {@link io.vlm4j.media.RgbImage}s, so that never happens.) After the geometry, {@code rescale} computes
 * {@code float32(float64(v) * rescale_factor)} and {@code normalize} {@code (x - mean) / std} in float32: one value
 * per channel and 8-bit sample, tabulated once.
 *
 * <h2>Configs</h2>
 * Processors are built from {@code preprocessor_config.json} with HF's class defaults for absent keys; a bad value
 * is an {@link io.vlm4j.ConfigException} naming its JSON path. HF 4.46 builds the video processors from
 * {@code preprocessor_config.json} too and never reads {@code video_preprocessor_config.json}; callers should do the
 * same (on the llava-hf checkpoints the two agree where they overlap). {@code do_convert_rgb} has no effect: the
 * input is RGB already ({@code ImageDecoder} applies PIL's {@code convert("RGB")}).
 *
 * <h2>Where this differs from HF on purpose</h2>
 * <ul>
 *   <li>HF guesses the channel axis of each numpy image ({@code infer_channel_dimension_format}) and takes an image
 *       1 or 3 pixels high for channels-first, which scrambles it; here the layout is known, so such images are
 *       processed as the RGB images they are (what HF gives with {@code input_data_format="channels_last"}).
 *   <li>The input is always RGB. HF's SigLIP config has {@code do_convert_rgb: null}, so HF itself raises on a
 *       grey, palette or RGBA image handed to it unconverted ("Unable to infer channel dimension format"); given
 *       the decoder's {@code convert("RGB")} result it computes what this package computes.
 *   <li>A resize before a centre crop computes only the cropped window, so extreme aspect ratios cost no more than
 *       their crop where HF allocates the whole resized image (gigabytes for a 1 x 100000 image).
 *   <li>{@code do_pad: false} for the anyres processors is a {@link io.vlm4j.ConfigException}: HF 4.46 raises
 *       {@code UnboundLocalError} on it at the first image.
 * </ul>
 *
 * <h2>Speed</h2>
 * No per-pixel allocation: taps are cached per (input size, output size, filter, window), scratch arrays live for one
 * preprocess call, and results are written straight into the tensor's buffer. {@link
 * io.vlm4j.processors.image.BandedResize} runs the 8-bit passes in plain Java 17 (no incubator Vector API), shaped
 * for C2's auto-vectoriser, which in Java 17 vectorises only loops over {@code int} arrays indexed by the loop
 * variable itself, with no conversion between element sizes and at most about four products per loop: source bytes
 * are moved four at a time, as {@code int}s, into a small ring of column arrays, the taps pick their bytes out of
 * those ints inside the vectorised loops, and the passes' results stay packed four bytes to an {@code int} between
 * the passes. The rescale and normalize of each pixel is one table look-up, a row at a time into the buffer; where a
 * resize (and a crop inside it) is the last step, its rows go through the table into the tensor as they are
 * computed ({@link io.vlm4j.processors.image.PackedRows}), with no 8-bit image in between. One thread.
 */
package io.vlm4j.processors.image;
