package io.vlm4j.processors.tokenizer;

import io.vlm4j.config.ConfigNode;
import io.vlm4j.safetensors.SafeTensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One golden case as the tokenizer sees it: the rendered prompt, the input ids HF's processor produced, and the
 * prompt with each media placeholder expanded to as many copies as the golden ids have (HF's processors expand
 * the text before tokenizing).
 */
record GoldenCase(String name, Path model, String prompt, String expandedPrompt, long[] inputIds) {
    static final String IMAGE = "<image>";
    static final String VIDEO = "<video>";

    static GoldenCase of(Path caseDir, Path scratch) {
        try {
            Path model = caseDir.getParent().resolve("model");
            String name = caseDir.getParent().getFileName() + "/" + caseDir.getFileName();
            String prompt = Files.readString(caseDir.resolve("expected/prompt.txt"), StandardCharsets.UTF_8);
            long[] ids = inputIds(caseDir.resolve("expected"), scratch);
            ConfigNode config = ConfigNode.read(model.resolve("config.json"));
            long imageId = config.getInt("image_token_index", -1);
            long videoId = config.getInt("video_token_index", -1);
            return new GoldenCase(name, model, prompt, expand(name, prompt, ids, imageId, videoId), ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] inputIds(Path expected, Path scratch) throws IOException {
        Path plain = expected.resolve("processor.safetensors");
        if (!Files.exists(plain)) {
            Path gz = expected.resolve("processor.safetensors.gz");
            plain = Files.createTempFile(scratch, "processor", ".safetensors");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.copy(in, plain, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (SafeTensors st = SafeTensors.open(plain)) {
            return st.get("input_ids").toLongs();
        }
    }

    /**
     * Each placeholder becomes N copies, N read off the golden ids: every run of media ids belongs to the
     * placeholders that stand next to each other in the prompt, which share it evenly.
     */
    static String expand(String name, String prompt, long[] ids, long imageId, long videoId) {
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < ids.length; ) {
            int j = i;
            if (ids[i] == imageId || ids[i] == videoId) {
                while (j < ids.length && ids[j] == ids[i]) {
                    j++;
                }
                runs.add(new long[] {ids[i], j - i});
                i = j;
            } else {
                i++;
            }
        }
        StringBuilder out = new StringBuilder();
        int run = 0;
        int pos = 0;
        while (true) {
            int image = prompt.indexOf(IMAGE, pos);
            int video = prompt.indexOf(VIDEO, pos);
            int at = image < 0 ? video : video < 0 ? image : Math.min(image, video);
            if (at < 0) {
                break;
            }
            String token = at == image ? IMAGE : VIDEO;
            int group = 0;
            int end = at;
            while (prompt.startsWith(token, end)) {
                group++;
                end += token.length();
            }
            if (run >= runs.size()) {
                throw new AssertionError(name + ": more placeholder groups in the prompt than media runs in the ids");
            }
            long[] r = runs.get(run++);
            long expectedId = token.equals(IMAGE) ? imageId : videoId;
            if (r[0] != expectedId || r[1] % group != 0) {
                throw new AssertionError(name + ": media run " + (run - 1) + " (id " + r[0] + " x" + r[1]
                        + ") does not fit " + group + " " + token);
            }
            out.append(prompt, pos, at).append(token.repeat((int) (r[1] / group) * group));
            pos = end;
        }
        if (run != runs.size()) {
            throw new AssertionError(name + ": " + runs.size() + " media runs in the ids, " + run + " in the prompt");
        }
        return out.append(prompt.substring(pos)).toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
