package io.vlm4j.processing;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.VideoFrames;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Processor} turns chat messages into a batch: the chat template's options, how video frames are
 * chosen, and padding.
 *
 * <p>Immutable.
 *
 * @param addGenerationPrompt HF's {@code add_generation_prompt}: end the prompt with the assistant's turn opener
 * @param frameSampling the frames of a video item that names no sampling of its own (HF's seeds: 8 uniform frames,
 *     {@code np.arange(0, T, T / 8).astype(int)})
 * @param templateVars extra variables for the chat template (HF's template kwargs); they win over the special
 *     tokens of the same name, as in HF
 * @param padding how the prompts of a batch are padded
 * @param videoFrames decoded frames for the first {@code videoFrames.size()} video items, in message order (over
 *     the whole batch), used instead of decoding their sources; the other video items are decoded
 * @param now the local time {@code strftime_now} sees; {@code null} for the clock
 */
public record ChatOptions(boolean addGenerationPrompt, FrameSampling frameSampling, Map<String, ?> templateVars,
        Padding padding, List<VideoFrames> videoFrames, LocalDateTime now) {
    /** The frames a video gets when nothing says otherwise: 8, as the seeds' {@code read_video_pyav} examples. */
    public static final int DEFAULT_NUM_FRAMES = 8;

    public ChatOptions {
        Objects.requireNonNull(frameSampling, "frameSampling");
        Objects.requireNonNull(padding, "padding");
        templateVars = Collections.unmodifiableMap(new LinkedHashMap<>(templateVars == null ? Map.of() : templateVars));
        videoFrames = List.copyOf(videoFrames == null ? List.of() : videoFrames);
    }

    /**
     * What generation wants: a generation prompt, {@value #DEFAULT_NUM_FRAMES} uniform frames per video, no extra
     * variables, padding to the longest prompt on the tokenizer's padding side (one prompt is never padded).
     */
    public static ChatOptions defaults() {
        return new ChatOptions(true, FrameSampling.uniform(DEFAULT_NUM_FRAMES), Map.of(), Padding.longest(),
                List.of(), null);
    }

    /** These options with {@code add_generation_prompt} set to {@code value}. */
    public ChatOptions withAddGenerationPrompt(boolean value) {
        return new ChatOptions(value, frameSampling, templateVars, padding, videoFrames, now);
    }

    /** These options with another default frame sampling. */
    public ChatOptions withFrameSampling(FrameSampling sampling) {
        return new ChatOptions(addGenerationPrompt, sampling, templateVars, padding, videoFrames, now);
    }

    /** These options with these extra template variables (replacing the previous ones). */
    public ChatOptions withTemplateVars(Map<String, ?> vars) {
        return new ChatOptions(addGenerationPrompt, frameSampling, vars, padding, videoFrames, now);
    }

    /** These options with another padding. */
    public ChatOptions withPadding(Padding value) {
        return new ChatOptions(addGenerationPrompt, frameSampling, templateVars, value, videoFrames, now);
    }

    /** These options with decoded frames for the first video items, in message order. */
    public ChatOptions withVideoFrames(List<VideoFrames> frames) {
        return new ChatOptions(addGenerationPrompt, frameSampling, templateVars, padding, frames, now);
    }

    /** These options with {@code strftime_now} pinned to {@code time}. */
    public ChatOptions withNow(LocalDateTime time) {
        return new ChatOptions(addGenerationPrompt, frameSampling, templateVars, padding, videoFrames, time);
    }
}
