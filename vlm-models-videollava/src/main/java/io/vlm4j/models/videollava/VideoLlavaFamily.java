package io.vlm4j.models.videollava;

import io.vlm4j.config.VideoLlavaConfig;
import io.vlm4j.models.llava.MultimodalFamily;

/**
 * The {@code video_llava} family (Video-LLaVA): its config ({@link VideoLlavaConfig}), its processor
 * ({@link VideoLlavaProcessor}) and its model ({@link VideoLlavaForConditionalGeneration}).
 *
 * <p>Thread-safe; discovery only constructs it.
 */
public final class VideoLlavaFamily extends MultimodalFamily<VideoLlavaConfig, VideoLlavaForConditionalGeneration> {
    public VideoLlavaFamily() {
        super(VideoLlavaConfig.MODEL_TYPE, VideoLlavaConfig::fromJson, VideoLlavaProcessor::fromPretrained,
                VideoLlavaForConditionalGeneration::load);
    }
}
