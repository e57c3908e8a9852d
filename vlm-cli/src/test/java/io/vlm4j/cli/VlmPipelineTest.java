package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.media.MediaSource;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.runtime.Options;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ModelCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VlmPipeline} on every golden case, its videos given as already-decoded frames (the golden ones) and its
 * images as files (and, in one case, all media as bytes): HF's greedy tokens, text and finish reason; streaming; threads sharing one pipeline.
 */
class VlmPipelineTest {
    private static final GoldenPipelines PIPELINES = new GoldenPipelines();

    static VlmPipeline pipeline(String family) {
        return PIPELINES.get(family);
    }

    @AfterAll
    static void close() {
        PIPELINES.close();
    }

    static Stream<ModelCase> cases() {
        return ModelCase.allCases().stream();
    }

    /** The case's messages with its k-th video item replaced by its k-th golden frames. */
    static Conversation withDecodedVideos(ModelCase c) {
        List<VideoFrames> frames = c.processorCase().frames();
        int video = 0;
        List<Message> messages = new ArrayList<>();
        for (Message m : c.processorCase().conversation().messages()) {
            List<Content> items = new ArrayList<>();
            for (Content item : m.content()) {
                items.add(item instanceof Content.Video ? Content.video(frames.get(video++)) : item);
            }
            messages.add(new Message(m.role(), items));
        }
        return Conversation.of(messages);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generateGivesHfsTokensTextAndFinishReason(ModelCase c) {
        StringBuilder streamed = new StringBuilder();

        GenerationResult result = pipeline(c.family()).generate(withDecodedVideos(c), GenerationConfig.greedy(12),
                streamed::append);

        assertThat(result.promptLength()).as("%s prompt_length", c).isEqualTo(c.promptLength());
        assertThat(result.tokenIds()).as("%s new_token_ids", c).isEqualTo(c.newTokenIds());
        assertThat(result.text()).as("%s text", c).isEqualTo(c.text());
        assertThat(result.finishReason().wireName()).as("%s finish_reason", c).isEqualTo(c.finishReason());
        assertThat(streamed.toString()).as("%s streamed pieces", c).isEqualTo(result.text());
    }

    /** The case's messages with every media file given as its bytes. */
    static Conversation withMediaAsBytes(ModelCase c) throws IOException {
        List<Message> messages = new ArrayList<>();
        for (Message m : c.processorCase().conversation().messages()) {
            List<Content> items = new ArrayList<>();
            for (Content item : m.content()) {
                if (item instanceof Content.Image) {
                    items.add(Content.image(bytes(((Content.Image) item).source())));
                } else if (item instanceof Content.Video) {
                    items.add(Content.video(bytes(((Content.Video) item).source()), null));
                } else {
                    items.add(item);
                }
            }
            messages.add(new Message(m.role(), items));
        }
        return Conversation.of(messages);
    }

    private static MediaSource bytes(MediaSource file) throws IOException {
        Path path = ((MediaSource.File) file).path();
        return MediaSource.of(Files.readAllBytes(path), path.getFileName().toString());
    }

    @Test
    void mediaGivenAsBytesAreDecodedToHfsAnswer() throws IOException {
        ModelCase c = ModelCase.of(GoldenData.golden().resolve("llava_onevision/image_and_video"));

        GenerationResult result = pipeline(c.family()).generate(withMediaAsBytes(c), GenerationConfig.greedy(12));

        assertThat(result.tokenIds()).isEqualTo(c.newTokenIds());
        assertThat(result.text()).isEqualTo(c.text());
    }

    @Test
    void threadsSharingOnePipelineEachGetTheirOwnAnswer() throws Exception {
        List<ModelCase> cases = ModelCase.cases("llava_onevision");
        VlmPipeline vlm = pipeline("llava_onevision");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<GenerationResult>> futures = new ArrayList<>();
            for (ModelCase c : cases) {
                futures.add(pool.submit(() -> vlm.generate(withDecodedVideos(c), GenerationConfig.greedy(12))));
            }
            for (int i = 0; i < cases.size(); i++) {
                assertThat(futures.get(i).get().tokenIds()).as("%s on a shared pipeline", cases.get(i))
                        .isEqualTo(cases.get(i).newTokenIds());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        VlmPipeline vlm = VlmPipeline.fromPretrained(GoldenData.model("video_llava").toString(),
                Options.builder().backend("djl").threads(1).build());
        vlm.close();
        vlm.close();
    }
}
