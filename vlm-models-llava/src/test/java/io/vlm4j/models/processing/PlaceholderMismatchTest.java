package io.vlm4j.models.processing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.MediaMismatchException;
import io.vlm4j.chat.Content;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.media.RgbImage;
import io.vlm4j.media.VideoFrames;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.Padding;
import io.vlm4j.processing.Processor;
import io.vlm4j.runtime.AutoProcessor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.PngImages;
import io.vlm4j.testkit.ProcessorCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prompt whose placeholders do not match its media is refused before any pixel is processed, naming both counts. */
class PlaceholderMismatchTest {
    private static final RgbImage CHELSEA = PngImages.decode(GoldenData.golden().resolve("images/chelsea.png"));
    private static final VideoFrames CAT =
            ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/video_cat")).frames().get(0);

    @Test
    void morePlaceholdersThanImagesNamesBothCounts() {
        Processor p = GoldenProcessors.processor("llava_onevision");

        assertThatThrownBy(() -> p.process("<image>\n<image>\nCompare.", List.of(CHELSEA), List.of()))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("2 <image> placeholders").hasMessageContaining("1 image and 0 videos");
    }

    @Test
    void moreImagesThanPlaceholdersNamesBothCounts() {
        Processor p = GoldenProcessors.processor("llava_next_video");

        assertThatThrownBy(() -> p.process("USER: <image>\nWhat? ASSISTANT:", List.of(CHELSEA, CHELSEA), List.of()))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("1 <image> placeholder and 0 <video> placeholders")
                .hasMessageContaining("2 images and 0 videos");
    }

    @Test
    void aVideoWhereThePromptHoldsAnImagePlaceholderIsAKindMismatch() {
        Processor p = GoldenProcessors.processor("llava_onevision");

        assertThatThrownBy(() -> p.process("<image>\nWhat happens?", List.of(), List.of(CAT)))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("1 <image> placeholder and 0 <video> placeholders")
                .hasMessageContaining("0 images and 1 video");
    }

    @Test
    void llavaHasNoVideoPlaceholderSoRawVideosAreRefused() {
        Processor p = GoldenProcessors.processor("llava");

        assertThatThrownBy(() -> p.process("<|im_start|>user\n<video>\nWhat?", List.of(), List.of(CAT)))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("0 <image> placeholders and no video placeholder")
                .hasMessageContaining("0 images and 1 video");
    }

    @Test
    void aBatchCountsThePlaceholdersOfEveryPrompt() {
        Processor p = GoldenProcessors.processor("llava_onevision");

        assertThatThrownBy(() -> p.process(List.of("<image>\nOne.", "<image>\nTwo."), List.of(CHELSEA), List.of(),
                Padding.longest()))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("2 <image> placeholders").hasMessageContaining("1 image and 0 videos");
    }

    @Test
    void aChatTemplateThatDropsTheMediaIsAMismatchNamingThePrompt(@TempDir Path dir) throws IOException {
        for (String f : List.of("config.json", "tokenizer_config.json", "vocab.json", "merges.txt",
                "preprocessor_config.json", "processor_config.json")) {
            Files.copy(GoldenData.model("llava_onevision").resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("chat_template.json"), "{\"chat_template\": \"{% for m in messages %}"
                + "{% for c in m['content'] %}{% if c['type'] == 'text' %}{{ c['text'] }}{% endif %}{% endfor %}"
                + "{% endfor %}\"}");
        Conversation textOnly = Conversation.of(Message.user("Hello."));
        Conversation withImage = Conversation.of(Message.user(Content.image(CHELSEA), Content.text("What is it?")));

        try (Processor p = AutoProcessor.fromPretrained(dir)) {
            assertThatThrownBy(() -> p.apply(List.of(textOnly, withImage), ChatOptions.defaults()))
                    .isInstanceOf(MediaMismatchException.class)
                    .hasMessageContaining("prompt 1 holds 0 <image> placeholders and 0 <video> placeholders")
                    .hasMessageContaining("1 image and 0 videos");
        }
    }

    @Test
    void moreDecodedVideosThanVideoItemsAreRefused() {
        Processor p = GoldenProcessors.processor("llava_onevision");
        Conversation c = Conversation.of(Message.user(Content.video(CAT), Content.text("What happens?")));

        assertThatThrownBy(() -> p.apply(c, ChatOptions.defaults().withVideoFrames(List.of(CAT, CAT))))
                .isInstanceOf(MediaMismatchException.class)
                .hasMessageContaining("2 decoded videos given for 1 video item");
    }
}
