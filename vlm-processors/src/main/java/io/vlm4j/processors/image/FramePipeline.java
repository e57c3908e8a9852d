package io.vlm4j.processors.image;

import io.vlm4j.ErrorCode;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.VlmException;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ImageSize;
import io.vlm4j.processing.ProcessedImages;
import io.vlm4j.processing.ProcessedVideos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One image or frame at a time through a {@link ResizeCrop} and a {@link RescaleNormalize}, stacked as HF's
 * {@code BatchFeature(..., tensor_type="pt")} stacks the list it gets: {@code [n, 3, H, W]} for images,
 * {@code [videos, frames, 3, H, W]} for videos. What SigLIP, CLIP, Video-LLaVA, NeXT-Video's video processor and
 * OneVision's video processor have in common. Immutable and thread-safe.
 */
final class FramePipeline {
    private final String processor;
    private final ResizeCrop transform;
    private final RescaleNormalize normalize;

    FramePipeline(String processor, ResizeCrop transform, RescaleNormalize normalize) {
        this.processor = processor;
        this.transform = transform;
        this.normalize = normalize;
    }

    ProcessedImages images(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, processor + ": no images to process");
        }
        List<ImageSize> sizes = new ArrayList<>(images.size());
        ImageSize out = null;
        for (int i = 0; i < images.size(); i++) {
            RgbImage image = images.get(i);
            sizes.add(new ImageSize(image.height(), image.width()));
            out = sameSize(out, transform.outputSize(image.height(), image.width()), "image " + i);
        }
        PixelBatch batch = new PixelBatch(out, images.size());
        Resample.Scratch scratch = new Resample.Scratch();
        for (int i = 0; i < images.size(); i++) {
            transform.write(Uint8Image.of(images.get(i)), scratch, batch, i, normalize);
        }
        int[] ones = new int[images.size()];
        Arrays.fill(ones, 1);
        return new ProcessedImages(batch.tensor(), sizes, ones);
    }

    ProcessedVideos videos(List<VideoFrames> videos) {
        if (videos.isEmpty()) {
            throw new VlmException(ErrorCode.INVALID_ARGUMENT, processor + ": no videos to process");
        }
        int frames = videos.get(0).count();
        ImageSize out = null;
        int[] framesPerVideo = new int[videos.size()];
        for (int v = 0; v < videos.size(); v++) {
            VideoFrames video = videos.get(v);
            if (video.count() != frames) {
                throw new MediaMismatchException(processor + ": video 0 has " + frames + " frames but video " + v
                        + " has " + video.count() + "; HF stacks pixel_values_videos into one tensor, so every"
                        + " video of a batch needs the same number of frames");
            }
            framesPerVideo[v] = frames;
            out = sameSize(out, transform.outputSize(video.height(), video.width()), "video " + v);
        }
        PixelBatch batch = new PixelBatch(out, videos.size(), frames);
        Resample.Scratch scratch = new Resample.Scratch();
        for (int v = 0; v < videos.size(); v++) {
            List<RgbImage> list = videos.get(v).frames();
            for (int f = 0; f < frames; f++) {
                transform.write(Uint8Image.of(list.get(f)), scratch, batch, v * frames + f, normalize);
            }
        }
        return new ProcessedVideos(batch.tensor(), framesPerVideo);
    }

    private ImageSize sameSize(ImageSize first, ImageSize next, String what) {
        if (first != null && !first.equals(next)) {
            throw new MediaMismatchException(processor + ": " + what + " becomes " + next.height() + "x"
                    + next.width() + " but the first becomes " + first.height() + "x" + first.width()
                    + " (height x width); HF stacks the batch into one tensor, so they must agree (set do_resize)");
        }
        return next;
    }
}
