package io.vlm4j.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.media.FrameSampling;
import io.vlm4j.tensor.HostTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchFeatureTest {
    private static final ImageSize SIZE = new ImageSize(300, 451);
    private static final ImageSize TILE = new ImageSize(42, 42);

    private static Map<String, HostTensor> ids(long[] ids, long[] mask, int rows) {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put(BatchFeature.INPUT_IDS, HostTensor.ofLongs(ids, rows, ids.length / rows));
        t.put(BatchFeature.ATTENTION_MASK, HostTensor.ofLongs(mask, rows, ids.length / rows));
        return t;
    }

    private static MediaItem image(int row, int offset, int count) {
        return new MediaItem(MediaKind.IMAGE, row, 0, 0, SIZE, TILE, 1, 1, null, 7, count, offset);
    }

    @Test
    void rowsAndMediaItemsReadBackAsGiven() {
        MediaItem a = image(0, 1, 2);
        MediaItem v = new MediaItem(MediaKind.VIDEO, 1, 0, 0, SIZE, TILE, 8, 8, null, 8, 1, 2);
        BatchFeature b = new BatchFeature(ids(new long[] {1, 7, 7, 0, 0, 8}, new long[] {1, 1, 1, 0, 1, 1}, 2),
                List.of("<image>", "<video>"), List.of(a, v));

        assertThat(b.batchSize()).isEqualTo(2);
        assertThat(b.sequenceLength()).isEqualTo(3);
        assertThat(b.ids(1)).containsExactly(0, 0, 8);
        assertThat(b.mask(1)).containsExactly(0, 1, 1);
        assertThat(b.media(MediaKind.IMAGE)).containsExactly(a);
        assertThat(b.media(1)).containsExactly(v);
        assertThat(b.tensors().keySet()).containsExactly(BatchFeature.INPUT_IDS, BatchFeature.ATTENTION_MASK);
        assertThat(b.find(BatchFeature.PIXEL_VALUES)).isEmpty();
    }

    @Test
    void aMissingTensorIsNamedWithTheOnesThereAre() {
        BatchFeature b = new BatchFeature(ids(new long[] {1}, new long[] {1}, 1), List.of("x"), List.of());

        assertThatThrownBy(() -> b.get(BatchFeature.PIXEL_VALUES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no pixel_values").hasMessageContaining("input_ids");
    }

    @Test
    void idsMustBeInt64BatchBySequenceWithAMaskOfTheSameShape() {
        Map<String, HostTensor> t = new LinkedHashMap<>();
        t.put(BatchFeature.INPUT_IDS, HostTensor.ofInts(new int[] {1, 2}, 1, 2));
        t.put(BatchFeature.ATTENTION_MASK, HostTensor.ofLongs(new long[] {1, 1}, 1, 2));
        assertThatThrownBy(() -> new BatchFeature(t, List.of("x"), List.of()))
                .hasMessageContaining("input_ids must be int64 [batch, sequence]");

        Map<String, HostTensor> u = ids(new long[] {1, 2}, new long[] {1, 1}, 1);
        u.put(BatchFeature.ATTENTION_MASK, HostTensor.ofLongs(new long[] {1}, 1, 1));
        assertThatThrownBy(() -> new BatchFeature(u, List.of("x"), List.of()))
                .hasMessageContaining("attention_mask must be int64 [1, 2]");
    }

    @Test
    void anItemOutsideItsRowIsRefused() {
        assertThatThrownBy(() -> new BatchFeature(ids(new long[] {7, 7}, new long[] {1, 1}, 1), List.of("x"),
                List.of(image(0, 1, 2)))).hasMessageContaining("lies outside the batch [1, 2]");
    }

    @Test
    void oneImageHasOneFrameAndNoVideoHasAnAnyresLayout() {
        assertThatThrownBy(() -> new MediaItem(MediaKind.IMAGE, 0, 0, 0, SIZE, TILE, 1, 2, null, 7, 1, 0))
                .hasMessageContaining("an image item has 1 frame");
        AnyresLayout layout = new AnyresLayout(SIZE, new Grid(1, 2), new Grid(3, 3), new Grid(2, 6), new Grid(2, 6));
        assertThatThrownBy(() -> new MediaItem(MediaKind.VIDEO, 0, 0, 0, SIZE, TILE, 8, 8, layout, 8, 1, 0))
                .hasMessageContaining("no anyres layout");
        assertThat(layout.newlineFeatures()).isEqualTo(2);
    }

    @Test
    void chatOptionsDefaultToAGenerationPromptEightUniformFramesAndLongestPadding() {
        ChatOptions o = ChatOptions.defaults();

        assertThat(o.addGenerationPrompt()).isTrue();
        assertThat(o.frameSampling()).isEqualTo(FrameSampling.uniform(8));
        assertThat(o.padding()).isEqualTo(Padding.longest());
        assertThat(o.padding().optSide()).isEmpty();
        assertThat(o.withAddGenerationPrompt(false).withPadding(Padding.none()).addGenerationPrompt()).isFalse();
        assertThat(o.withTemplateVars(Map.of("k", 1)).templateVars().get("k")).isEqualTo(1);
    }
}
