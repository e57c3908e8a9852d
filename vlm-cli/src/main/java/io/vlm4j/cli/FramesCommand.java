package io.vlm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vlm4j.ErrorCode;
import io.vlm4j.VlmException;
import io.vlm4j.media.FrameSampling;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.VideoDecoder;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.media.VideoMetadata;
import io.vlm4j.runtime.Registries;
import io.vlm4j.runtime.Registry;
import io.vlm4j.safetensors.SafeTensorsWriter;
import io.vlm4j.spi.VideoDecoderProvider;
import io.vlm4j.tensor.HostTensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vlm frames}: decodes the frames of a video that a sampling selects, as the models' processors receive
 * them, into a safetensors file ({@code frames} uint8 [T, H, W, 3], {@code indices} int64 [T]), and prints the
 * video's metadata with the chosen indices and their timestamps as one JSON object on stdout.
 */
@Command(name = "frames",
        mixinStandardHelpOptions = true,
        description = "Decode the frames of a video that a sampling selects (HF's sampling, PyAV's RGB) into a "
                + "safetensors file; print the metadata as JSON.",
        footer = {"", "Exactly one of --num-frames, --fps, --indices. Exit codes: 0 ok, 2 bad usage, 3 bad input, "
                + "4 unavailable, 5 internal."})
public final class FramesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--video", required = true, paramLabel = "PATH|URL",
            description = "The video: a file, or an http(s) URL.")
    String video;

    @Option(names = "--num-frames", paramLabel = "N",
            description = "N frames spread uniformly: np.arange(0, T, T / N).astype(int).")
    Integer numFrames;

    @Option(names = "--fps", paramLabel = "F", description = "F frames per second of video: N = int(T / video_fps * F).")
    Double fps;

    @Option(names = "--indices", paramLabel = "i,j,k", split = ",", description = "These frame indices, in order.")
    List<Integer> indices;

    @Option(names = "--out", required = true, paramLabel = "OUT.safetensors", description = "Where to write the frames.")
    Path out;

    @Option(names = "--decoder", defaultValue = "ffmpeg", paramLabel = "ID",
            description = "The video decoder provider (default: ${DEFAULT-VALUE}).")
    String decoder;

    @Override
    public Integer call() {
        FrameSampling sampling = sampling();
        VideoDecoderProvider provider = provider();
        MediaSource source = MediaArguments.source("--video", video);
        Registry.requireCapability(provider, source instanceof MediaSource.Url
                ? VideoDecoderProvider.Capability.URLS : VideoDecoderProvider.Capability.FILES);
        try (VideoDecoder d = provider.open(source)) {
            VideoFrames frames = d.decode(sampling);
            int[] chosen = frames.indices();
            long[] longs = new long[chosen.length];
            for (int i = 0; i < chosen.length; i++) {
                longs[i] = chosen[i];
            }
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            tensors.put("frames", frames.toTensor());
            tensors.put("indices", HostTensor.ofLongs(longs, longs.length));
            SafeTensorsWriter.write(out, tensors);
            spec.commandLine().getOut().println(json(d.metadata(), frames));
        }
        return ExitCodes.OK;
    }

    private FrameSampling sampling() {
        if (numFrames != null && fps != null) {
            throw usage("`num_frames` and `fps` are mutually exclusive arguments, please use only one!");
        }
        int given = (numFrames != null ? 1 : 0) + (fps != null ? 1 : 0) + (indices != null ? 1 : 0);
        if (given != 1) {
            throw usage("give exactly one of --num-frames, --fps and --indices");
        }
        try {
            if (numFrames != null) {
                return FrameSampling.uniform(numFrames);
            }
            if (fps != null) {
                return FrameSampling.fps(fps);
            }
            return FrameSampling.indices(indices.stream().mapToInt(Integer::intValue).toArray());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private VideoDecoderProvider provider() {
        Registry<VideoDecoderProvider> registry = Registries.defaults().videoDecoders();
        VideoDecoderProvider p = registry.find(decoder).orElseThrow(() -> new VlmException(
                ErrorCode.BACKEND_UNAVAILABLE, "no video decoder '" + decoder + "' (available: " + registry.ids()
                        + ")"));
        if (!p.availability().available()) {
            throw new VlmException(ErrorCode.BACKEND_UNAVAILABLE, "video decoder '" + decoder + "' is unavailable: "
                    + p.availability().reason());
        }
        return p;
    }

    /** The metadata in sampling.json's names, with the chosen indices and their timestamps. */
    static String json(VideoMetadata m, VideoFrames frames) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode o = mapper.createObjectNode();
        o.put("total_frames", m.totalFrames());
        o.put("container_frames", m.containerFrames());
        o.put("frame_count_source", m.frameCountSource().name().toLowerCase(Locale.ROOT));
        number(o, "fps", m.fps());
        number(o, "duration", m.durationSeconds());
        o.put("width", m.width());
        o.put("height", m.height());
        o.put("codec", m.codec());
        o.put("rotation", m.rotationDegrees());
        ArrayNode ix = o.putArray("indices");
        for (int i : frames.indices()) {
            ix.add(i);
        }
        ArrayNode ts = o.putArray("timestamps");
        for (double t : frames.timestamps()) {
            if (Double.isFinite(t)) {
                ts.add(t);
            } else {
                ts.addNull();
            }
        }
        return o.toString();
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static VlmException usage(String message) {
        return new VlmException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
