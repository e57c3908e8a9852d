package io.vlm4j.processors.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.vlm4j.TemplateException;
import io.vlm4j.text.ChatTemplate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record of the chat-template corpus (50 real templates on 41 message sets, 116 feature probes, 38 sandbox
 * probes) through the engine, with the corpus README's comparison rule: the output byte for byte, or an error of
 * the expected type (and, for {@code raise_exception}'s {@code TemplateError}, its exact message).
 */
class ChatTemplateCorpusTest {
    /** README "Sandbox": runaway probes must stop "within a few seconds"; the limits stop them near 5 s at most. */
    private static final Duration RUNAWAY_BOUND = Duration.ofSeconds(15);

    private static final JinjaEngine ENGINE = new JinjaEngine();

    static Stream<CorpusRecord> visible() {
        return CorpusRecord.read("visible.jsonl").stream();
    }

    static Stream<CorpusRecord> features() {
        return CorpusRecord.read("features.jsonl").stream();
    }

    static Stream<CorpusRecord> sandbox() {
        return CorpusRecord.read("sandbox.jsonl").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visible")
    void realTemplatesRenderAsHfRendersThem(CorpusRecord record) {
        check(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("features")
    void featureProbesRenderAsHfRendersThem(CorpusRecord record) {
        check(record);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sandbox")
    void sandboxProbesAreContained(CorpusRecord record) {
        assertTimeoutPreemptively(RUNAWAY_BOUND, () -> check(record), record.id + " ran past " + RUNAWAY_BOUND);
    }

    private static void check(CorpusRecord record) {
        if (record.expectsOutput()) {
            ChatTemplate t = ENGINE.compile(record.template());
            assertThat(t.render(record.context())).as("%s output", record.id).isEqualTo(record.expectedOutput());
            return;
        }
        TemplateException e = catchThrowableOfType(TemplateException.class,
                () -> ENGINE.compile(record.template()).render(record.context()));
        assertThat(e).as("%s: expected a %s", record.id, record.expectedType()).isNotNull();
        List<String> accepted = record.acceptedTypes();
        assertThat(accepted).as("%s error type (message: %s)", record.id, e.getMessage()).contains(e.type());
        if (record.expectedType().equals(TemplateException.TEMPLATE_ERROR)) {
            assertThat(e.getMessage()).as("%s raise_exception message", record.id)
                    .isEqualTo(record.expectedMessage());
        }
        if (record.policy()) {
            assertThat(e.type()).as("%s is a runaway probe", record.id).isEqualTo(TemplateException.LIMIT_EXCEEDED);
        }
    }
}
