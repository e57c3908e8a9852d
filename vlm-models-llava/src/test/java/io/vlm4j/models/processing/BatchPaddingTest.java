package io.vlm4j.models.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.VlmException;
import io.vlm4j.chat.Conversation;
import io.vlm4j.chat.Message;
import io.vlm4j.processing.BatchFeature;
import io.vlm4j.processing.ChatOptions;
import io.vlm4j.processing.MediaItem;
import io.vlm4j.processing.Padding;
import io.vlm4j.processing.Processor;
import io.vlm4j.tensor.HostTensor;
import io.vlm4j.testkit.GoldenData;
import io.vlm4j.testkit.ProcessorCase;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch of two prompts equals each prompt alone, padded as HF pads ({@code pad_token} id, attention 0) on the side
 * asked for, with every media item where its tokens are.
 */
class BatchPaddingTest {
    private static final ProcessorCase IMAGE = ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/image_chelsea"));
    private static final ProcessorCase VIDEO = ProcessorCase.of(GoldenData.golden().resolve("llava_onevision/video_cat"));
    /** Qwen2's {@code <|endoftext|>}, the OneVision checkpoint's {@code pad_token}. */
    private static final int PAD_ID = 151643;

    @ParameterizedTest
    @EnumSource(Padding.Side.class)
    void aPaddedBatchOfTwoPromptsEqualsEachPromptAlone(Padding.Side side) {
        Processor p = GoldenProcessors.processor("llava_onevision");
        ChatOptions options = ChatOptions.defaults().withVideoFrames(VIDEO.frames());
        BatchFeature image = p.apply(IMAGE.conversationWithDecodedImages(), ChatOptions.defaults());
        BatchFeature video = p.apply(VIDEO.conversation(), options);

        BatchFeature batch = p.apply(List.of(IMAGE.conversationWithDecodedImages(), VIDEO.conversation()),
                options.withPadding(Padding.longest(side)));

        int length = Math.max(image.sequenceLength(), video.sequenceLength());
        assertThat(batch.batchSize()).isEqualTo(2);
        assertThat(batch.sequenceLength()).isEqualTo(length);
        assertThat(batch.prompts()).containsExactly(image.prompts().get(0), video.prompts().get(0));
        assertRowIsAlonePadded(batch, 0, image, side);
        assertRowIsAlonePadded(batch, 1, video, side);
        assertSameTensor(batch.get(BatchFeature.PIXEL_VALUES), image.get(BatchFeature.PIXEL_VALUES));
        assertSameTensor(batch.get(BatchFeature.IMAGE_SIZES), image.get(BatchFeature.IMAGE_SIZES));
        assertSameTensor(batch.get(BatchFeature.PIXEL_VALUES_VIDEOS), video.get(BatchFeature.PIXEL_VALUES_VIDEOS));
    }

    @Test
    void theTokenizersPaddingSideIsTheDefault() {
        Processor p = GoldenProcessors.processor("llava_onevision");
        Conversation shortPrompt = Conversation.of(Message.user("Hi."));

        BatchFeature batch = p.apply(List.of(shortPrompt, VIDEO.conversation()),
                ChatOptions.defaults().withVideoFrames(VIDEO.frames()));

        // tokenizer_config.json: "padding_side": "left"
        assertThat(batch.mask(0)[0]).isZero();
        assertThat(batch.mask(0)[batch.sequenceLength() - 1]).isOne();
    }

    @Test
    void promptsOfDifferentLengthsWithoutPaddingAreRefusedNamingTheLengths() {
        Processor p = GoldenProcessors.processor("llava_onevision");

        assertThatThrownBy(() -> p.process(List.of("Hello.", "Hello, how are you?"), List.of(), List.of(),
                Padding.none()))
                .isInstanceOf(VlmException.class)
                .hasMessageContaining("the prompts have lengths [2, 6] tokens");
    }

    private static void assertRowIsAlonePadded(BatchFeature batch, int row, BatchFeature alone, Padding.Side side) {
        int[] ids = alone.ids(0);
        int pad = batch.sequenceLength() - ids.length;
        int start = side == Padding.Side.LEFT ? pad : 0;
        int[] expectedIds = new int[batch.sequenceLength()];
        int[] expectedMask = new int[batch.sequenceLength()];
        Arrays.fill(expectedIds, PAD_ID);
        System.arraycopy(ids, 0, expectedIds, start, ids.length);
        Arrays.fill(expectedMask, start, start + ids.length, 1);
        assertThat(batch.ids(row)).as("row %d ids (%s padding)", row, side).containsExactly(expectedIds);
        assertThat(batch.mask(row)).as("row %d mask (%s padding)", row, side).containsExactly(expectedMask);
        List<MediaItem> items = batch.media(row);
        assertThat(items).hasSameSizeAs(alone.media());
        for (int k = 0; k < items.size(); k++) {
            MediaItem a = alone.media().get(k);
            MediaItem b = items.get(k);
            assertThat(b.tokenOffset()).as("row %d item %d offset", row, k).isEqualTo(a.tokenOffset() + start);
            assertThat(b.tokenCount()).isEqualTo(a.tokenCount());
            assertThat(b.kind()).isEqualTo(a.kind());
            assertThat(b.batchIndex()).isEqualTo(row);
        }
    }

    private static void assertSameTensor(HostTensor actual, HostTensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(actual.toBytes()).isEqualTo(expected.toBytes());
    }
}
