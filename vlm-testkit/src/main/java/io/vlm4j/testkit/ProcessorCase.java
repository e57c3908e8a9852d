package io.vlm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.config.ConfigNode;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.safetensors.SafeTensors;
import io.vlm4j.tensor.HostTensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * One case folder of {@link GoldenData#golden()} or {@link GoldenData#goldenProcessor()} seen from the
 * processor's side — its messages, expected prompt, decoded frames and processor output — and the golden READMEs'
 * comparison rule for a processor's output: the same tensor names, dtypes and shapes; prompt, {@code input_ids},
 * {@code attention_mask} and {@code image_sizes} identical; pixel tensors within {@link #PIXEL_ATOL}.
 *
 * <p>Expected tensors are read memory-mapped ({@code processor.safetensors}) or, for the real-size cases, gunzipped
 * once into a temporary file ({@code processor.safetensors.gz}) and compared without copying them onto the heap.
 *
 * <p>Immutable; thread-safe.
 */
public final class ProcessorCase {
    /** Golden READMEs: "pixels ≤ 1e-6 max |Δ|". */
    public static final double PIXEL_ATOL = 1e-6;

    private final Path dir;

    private ProcessorCase(Path dir) {
        this.dir = dir;
    }

    /** The case in folder {@code dir} ({@code <base>/<family>/<case>}). */
    public static ProcessorCase of(Path dir) {
        if (!Files.isRegularFile(dir.resolve("messages.json"))) {
            throw new IllegalArgumentException(dir + " is not a golden case folder (no messages.json)");
        }
        return new ProcessorCase(dir);
    }

    /** {@code family/case}. */
    public String name() {
        return dir.getParent().getFileName() + "/" + dir.getFileName();
    }

    /** The family folder name ({@code llava_onevision}). */
    public String family() {
        return dir.getParent().getFileName().toString();
    }

    /** The case folder. */
    public Path dir() {
        return dir;
    }

    /** The checkpoint folder the case runs on: {@code ../model}. */
    public Path model() {
        return dir.getParent().resolve("model");
    }

    /** {@code messages.json}. */
    public Path messages() {
        return dir.resolve("messages.json");
    }

    /** The case's messages, media paths resolved against its folder ({@link Conversation#fromJson}). */
    public Conversation conversation() {
        return Conversation.fromJson(ConfigNode.read(messages()), dir);
    }

    /**
     * The case's messages with their image files already decoded ({@link PngImages}); videos keep their files. The
     * template then sees HF's dicts of the items, which the golden templates render as they render the file's
     * (they read only types and texts).
     */
    public Conversation conversationWithDecodedImages() {
        List<Message> messages = new ArrayList<>();
        for (Message m : conversation().messages()) {
            List<Content> items = new ArrayList<>();
            for (Content item : m.content()) {
                if (item instanceof Content.Image && ((Content.Image) item).source() instanceof MediaSource.File) {
                    items.add(Content.image(PngImages.decode(((MediaSource.File) ((Content.Image) item).source())
                            .path())));
                } else {
                    items.add(item);
                }
            }
            messages.add(new Message(m.role(), items));
        }
        return Conversation.of(messages);
    }

    /** Whether the case's messages hold an image item. */
    public boolean hasImages() {
        try {
            return Files.readString(messages(), StandardCharsets.UTF_8).contains("\"image\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rendered chat template, exactly ({@code expected/prompt.txt}). */
    public String expectedPrompt() {
        try {
            return Files.readString(dir.resolve("expected/prompt.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded frames of each video item in message order: {@code frames.safetensors}, {@code frames_1…}. */
    public List<Path> frameFiles() {
        List<Path> out = new ArrayList<>();
        for (int k = 0; ; k++) {
            Path p = dir.resolve("expected").resolve(k == 0 ? "frames.safetensors" : "frames_" + k + ".safetensors");
            if (!Files.isRegularFile(p)) {
                return out;
            }
            out.add(p);
        }
    }

    /** The frames of {@link #frameFiles()}, with their indices. */
    public List<VideoFrames> frames() {
        List<VideoFrames> out = new ArrayList<>();
        for (Path p : frameFiles()) {
            try (SafeTensors st = SafeTensors.open(p)) {
                int[] indices = Arrays.stream(st.get("indices").toLongs()).mapToInt(Math::toIntExact).toArray();
                out.add(VideoFrames.fromTensor(st.get("frames"), indices));
            }
        }
        return out;
    }

    /** Checks a processor's output against the case's expected prompt and tensors. */
    public void assertMatches(BatchFeature actual) {
        assertThat(actual.prompts()).as("%s: prompt", name()).containsExactly(expectedPrompt());
        assertTensorsMatch(actual.tensors());
    }

    /**
     * Checks tensors (a processor's output, or a file {@code vlm process} wrote) against the case's
     * {@code processor.safetensors}: the same names, dtypes and shapes, integers identical, floats within
     * {@link #PIXEL_ATOL}.
     */
    public void assertTensorsMatch(Map<String, HostTensor> actual) {
        withExpected(expected -> {
            assertThat(new TreeSet<>(actual.keySet())).as("%s: tensor names", name())
                    .isEqualTo(new TreeSet<>(expected.tensors().keySet()));
            for (String tensor : expected.tensors().keySet()) {
                compare(tensor, expected.get(tensor), actual.get(tensor));
            }
        });
    }

    /** Checks the tensors of a safetensors file against the case's. */
    public void assertFileMatches(Path file) {
        try (SafeTensors st = SafeTensors.open(file)) {
            Map<String, HostTensor> actual = new LinkedHashMap<>();
            for (String name : st.tensors().keySet()) {
                actual.put(name, st.get(name));
            }
            assertTensorsMatch(actual);
        }
    }

    private interface ExpectedUse {
        void accept(SafeTensors expected);
    }

    private void withExpected(ExpectedUse use) {
        Path plain = dir.resolve("expected/processor.safetensors");
        if (Files.isRegularFile(plain)) {
            try (SafeTensors st = SafeTensors.open(plain)) {
                use.accept(st);
            }
            return;
        }
        Path gz = dir.resolve("expected/processor.safetensors.gz");
        Path tmp = null;
        try {
            tmp = Files.createTempFile("vlm4j-golden-processor-", ".safetensors");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            try (SafeTensors st = SafeTensors.open(tmp)) {
                use.accept(st);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is harmless; the comparison's outcome stands
                }
            }
        }
    }

    private void compare(String tensor, HostTensor expected, HostTensor actual) {
        String what = name() + " " + tensor;
        assertThat(actual.dtype()).as("%s: dtype", what).isEqualTo(expected.dtype());
        assertThat(actual.shape()).as("%s: shape", what).isEqualTo(expected.shape());
        if (expected.dtype().isFloatingPoint()) {
            FloatBuffer e = expected.data().asFloatBuffer();
            FloatBuffer a = actual.data().asFloatBuffer();
            int n = e.remaining();
            double worst = 0;
            int at = -1;
            for (int i = 0; i < n; i++) {
                double d = Math.abs((double) a.get(i) - e.get(i));
                if (!(d <= worst)) {
                    worst = d;
                    at = i;
                }
            }
            if (at >= 0 && !(worst <= PIXEL_ATOL)) {
                fail("%s: max |Δ| %s at flat index %d %s (expected %s, got %s), above %s", what, worst, at,
                        Arrays.toString(unflatten(at, expected.shape())), e.get(at), a.get(at), PIXEL_ATOL);
            }
        } else {
            long[] e = expected.toLongs();
            long[] a = actual.toLongs();
            for (int i = 0; i < e.length; i++) {
                if (e[i] != a[i]) {
                    fail("%s: first difference at flat index %d %s: expected %d, got %d", what, i,
                            Arrays.toString(unflatten(i, expected.shape())), e[i], a[i]);
                }
            }
        }
    }

    private static int[] unflatten(long flat, int[] shape) {
        int[] out = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            out[d] = (int) (flat % Math.max(1, shape[d]));
            flat /= Math.max(1, shape[d]);
        }
        return out;
    }

    @Override
    public String toString() {
        return name();
    }
}
