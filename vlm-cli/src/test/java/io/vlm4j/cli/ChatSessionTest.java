package io.vlm4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.ErrorKind;
import io.vlm4j.MediaMismatchException;
import io.vlm4j.VideoDecodeException;
import io.vlm4j.VlmException;
import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.generation.GenerationConfig;
import io.vlm4j.generation.GenerationResult;
import io.vlm4j.model.VisionLanguageModel;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.runtime.ChatSession;
import io.vlm4j.runtime.ForwardingVisionLanguageModel;
import io.vlm4j.runtime.VlmPipeline;
import io.vlm4j.tensor.Backend;
import io.vlm4j.tensor.MemoryUsage;
import io.vlm4j.tensor.Scope;
import io.vlm4j.tensor.Tensor;
import io.vlm4j.testkit.GoldenData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ChatSession} on the golden tiny checkpoints (djl, one thread): each turn answers as an uncached
 * generation over the whole conversation does, vision features are computed once per medium, reset frees them,
 * and bad input gives typed errors.
 */
class ChatSessionTest {
    private static final Path CAT_PAN = GoldenData.golden().resolve("videos/cat_pan.mp4");
    private static final Path CHELSEA = GoldenData.golden().resolve("images/chelsea.png");
    private static final GenerationConfig GREEDY = GenerationConfig.greedy(12);
    private static final String Q1 = "Describe what is happening in this video.";
    private static final String Q2 = "Is this the same cat?";
    private static final String Q3 = "What colour is it?";
    private static final GoldenPipelines PIPELINES = new GoldenPipelines();

    @AfterAll
    static void close() {
        PIPELINES.close();
    }

    static List<String> families() {
        return GoldenData.families();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void everyTurnAnswersAsAFreshGenerationOverTheWholeConversation(String family) {
        VlmPipeline vlm = PIPELINES.get(family);
        try (ChatSession chat = ChatSession.of(vlm)) {
            chat.attach(Content.video(CAT_PAN));
            GenerationResult first = chat.ask(Q1, GREEDY);
            chat.attach(Content.image(CHELSEA));
            StringBuilder streamed = new StringBuilder();
            GenerationResult second = chat.ask(Q2, GREEDY, streamed::append);
            GenerationResult third = chat.ask(Q3, GREEDY);

            Conversation one = Conversation.of(Message.user(Content.video(CAT_PAN), Content.text(Q1)));
            Conversation two = one.plus(Message.assistant(first.text()))
                    .plus(Message.user(Content.image(CHELSEA), Content.text(Q2)));
            Conversation three = two.plus(Message.assistant(second.text())).plus(Message.user(Q3));
            assertSameAnswer(family + " turn 1", first, vlm.generate(one, GREEDY));
            assertSameAnswer(family + " turn 2", second, vlm.generate(two, GREEDY));
            assertSameAnswer(family + " turn 3", third, vlm.generate(three, GREEDY));
            assertThat(streamed.toString()).as("%s turn 2 streamed", family).isEqualTo(second.text());
        }
    }

    private static void assertSameAnswer(String what, GenerationResult chat, GenerationResult fresh) {
        assertThat(chat.promptLength()).as("%s prompt_length", what).isEqualTo(fresh.promptLength());
        assertThat(chat.tokenIds()).as("%s new_token_ids", what).isEqualTo(fresh.tokenIds());
        assertThat(chat.text()).as("%s text", what).isEqualTo(fresh.text());
    }

    @Test
    void theSystemMessageOpensTheConversation() {
        VlmPipeline vlm = PIPELINES.get("llava_next_video");
        String system = "You are a careful observer.";
        try (ChatSession chat = ChatSession.of(vlm).system(system)) {
            chat.attach(Content.video(CAT_PAN));

            GenerationResult answer = chat.ask(Q1, GREEDY);

            assertSameAnswer("with a system message", answer, vlm.generate(Conversation.of(Message.system(system),
                    Message.user(Content.video(CAT_PAN), Content.text(Q1))), GREEDY));
        }
    }

    /** A model that records the items of every {@code mediaFeatures} call. */
    private static final class CountingModel extends ForwardingVisionLanguageModel {
        final List<List<MediaItem>> calls = new ArrayList<>();

        CountingModel(VisionLanguageModel model) {
            super(model);
        }

        @Override
        public List<Tensor> mediaFeatures(Scope scope, BatchFeature batch, List<MediaItem> items) {
            calls.add(List.copyOf(items));
            return super.mediaFeatures(scope, batch, items);
        }

        @Override
        public void close() {
            // the pipeline closes the model
        }
    }

    private static ChatSession countingChat(VlmPipeline vlm, CountingModel model) {
        return ChatSession.of(vlm.processor(), model, vlm.generationConfig(), ChatOptions.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void visionFeaturesAreComputedOnceForEachMediumAcrossThreeTurns(String family) {
        VlmPipeline vlm = PIPELINES.get(family);
        CountingModel model = new CountingModel(vlm.model());
        try (ChatSession chat = countingChat(vlm, model)) {
            chat.attach(Content.video(CAT_PAN));
            chat.ask(Q1, GREEDY);
            chat.attach(Content.image(CHELSEA));
            chat.ask(Q2, GREEDY);
            chat.attach(Content.video(CAT_PAN)); // the same medium again: its features are cached
            GenerationResult third = chat.ask(Q3, GREEDY);

            assertThat(model.calls).as("%s: mediaFeatures calls (one per turn that brings a new medium)", family)
                    .hasSize(2);
            assertThat(sources(model.calls.get(0))).as("%s turn 1 computes the video's items", family)
                    .containsOnly(0);
            assertThat(sources(model.calls.get(1))).as("%s turn 2 computes the image's items only", family)
                    .containsOnly(1);
            assertThat(model.calls.get(0).size() + model.calls.get(1).size()).as("%s items computed", family)
                    .isEqualTo(itemsOfFirstTwoMedia(vlm));
            assertThat(third.tokenIds()).hasSize(12);
        }
    }

    private static List<Integer> sources(List<MediaItem> items) {
        return items.stream().map(MediaItem::sourceIndex).collect(Collectors.toList());
    }

    /** How many items the processor makes of the video and the image (the interleave family: a video is 8). */
    private static int itemsOfFirstTwoMedia(VlmPipeline vlm) {
        return vlm.processor().apply(Conversation.of(Message.user(Content.video(CAT_PAN), Content.image(CHELSEA),
                Content.text(Q1))), ChatOptions.defaults()).media().size();
    }

    @Test
    void resetAndCloseFreeTheCachedFeatures() {
        VlmPipeline vlm = PIPELINES.get("llava_onevision");
        Backend backend;
        try (Scope probe = vlm.model().newScope()) {
            backend = probe.backend();
        }
        MemoryUsage before = backend.memoryUsage();
        try (ChatSession chat = ChatSession.of(vlm)) {
            chat.attach(Content.video(CAT_PAN));
            chat.ask(Q1, GREEDY);
            chat.attach(Content.image(CHELSEA));
            chat.ask(Q2, GREEDY);
            MemoryUsage cached = backend.memoryUsage();

            chat.reset();

            assertThat(cached.liveTensors()).as("the video's and the image's features are held").isEqualTo(
                    before.liveTensors() + 2);
            assertThat(backend.memoryUsage()).as("native memory after reset").isEqualTo(before);
            chat.attach(Content.video(CAT_PAN));
            chat.ask(Q1, GREEDY);
            assertThat(backend.memoryUsage().liveTensors()).isEqualTo(before.liveTensors() + 1);
        }
        assertThat(backend.memoryUsage()).as("native memory after close").isEqualTo(before);
    }

    @Test
    void afterResetTheHistoryAndMediaAreForgotten() {
        VlmPipeline vlm = PIPELINES.get("llava_onevision");
        try (ChatSession chat = ChatSession.of(vlm)) {
            chat.attach(Content.video(CAT_PAN));
            chat.ask(Q1, GREEDY);
            chat.attach(Content.image(CHELSEA));

            chat.reset();
            GenerationResult answer = chat.ask(Q3, GREEDY);

            assertSameAnswer("after reset", answer, vlm.generate(Conversation.of(Message.user(Q3)), GREEDY));
        }
    }

    @Test
    void attachingAMissingFileIsAVideoDecodeErrorNamingIt() {
        try (ChatSession chat = ChatSession.of(PIPELINES.get("llava_onevision"))) {
            assertThatThrownBy(() -> chat.attach(Content.video(Path.of("no-such-video.mp4"))))
                    .isInstanceOf(VideoDecodeException.class).hasMessageContaining("no-such-video.mp4");
        }
    }

    @Test
    void aPlaceholderInTheTextWithoutItsMediumIsAMediaMismatchAndTheChatGoesOn() {
        VlmPipeline vlm = PIPELINES.get("llava_onevision");
        try (ChatSession chat = ChatSession.of(vlm)) {
            chat.attach(Content.video(CAT_PAN));

            assertThatThrownBy(() -> chat.ask("What is in <image>?", GREEDY))
                    .isInstanceOf(MediaMismatchException.class).hasMessageContaining("1 <image> placeholder");
            GenerationResult answer = chat.ask(Q1, GREEDY);

            assertSameAnswer("after a failed turn", answer, vlm.generate(Conversation.of(
                    Message.user(Content.video(CAT_PAN), Content.text(Q1))), GREEDY));
        }
    }

    @Test
    void attachingTextIsBadUsage() {
        try (ChatSession chat = ChatSession.of(PIPELINES.get("llava_onevision"))) {
            assertThatThrownBy(() -> chat.attach(Content.text("hello"))).isInstanceOfSatisfying(VlmException.class,
                    e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE)).hasMessageContaining("ask()");
        }
    }

    @Test
    void aClosedSessionRefusesTurnsAndClosesTwiceHarmlessly() {
        ChatSession chat = ChatSession.of(PIPELINES.get("llava_onevision"));
        chat.close();
        chat.close();

        assertThatThrownBy(() -> chat.ask(Q1, GREEDY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
