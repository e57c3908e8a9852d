package io.vlm4j.processors.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vlm4j.TemplateException;
import io.vlm4j.text.ChatTemplate;
import io.vlm4j.text.TemplateContext;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Points of Python Jinja2's semantics that are easy to get wrong; each expected value is what jinja2 3.1.2
 * renders.
 */
class JinjaSemanticsTest {
    private static final JinjaEngine ENGINE = new JinjaEngine();

    private static String render(String template, Map<String, ?> vars) {
        return ENGINE.compile(template).render(new TemplateContext(List.of(), null, null, false, vars, null));
    }

    private static String render(String template) {
        return render(template, Map.of());
    }

    private static TemplateException error(String template) {
        try {
            render(template);
        } catch (TemplateException e) {
            return e;
        }
        throw new AssertionError("no error from " + template);
    }

    @Test
    void floatsPrintAsPythonReprDoes() {
        assertThat(render("{{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e15 }} {{ 1e-05 }} {{ 0.0001 }} {{ -0.0 }} {{ 2/3 }}"))
                .isEqualTo("0.30000000000000004 1e+16 1000000000000000.0 1e-05 0.0001 -0.0 0.6666666666666666");
    }

    @Test
    void printfRoundingUsesTheExactBinaryValue() {
        assertThat(render("{{ '%.2f' % 2.675 }} {{ '%.0f' % 0.5 }} {{ '{:.1f}'.format(0.25) }}")).isEqualTo("2.67 0 0.2");
    }

    @Test
    void roundIsBankersRoundingAndReturnsFloats() {
        assertThat(render("{{ 2.5|round }} {{ 3.5|round }} {{ 2.675|round(2) }} {{ 7|round }}")).isEqualTo("2.0 4.0 2.67 7");
    }

    @Test
    void tildeBindsTighterThanPlusAndLooserThanTimes() {
        assertThat(render("{{ 'n' ~ 2 * 3 }}")).isEqualTo("n6");
        assertThat(error("{{ 'n' ~ 1 + 2 }}").type()).isEqualTo("TypeError");
    }

    @Test
    void powerIsLeftAssociativeAsInJinja() {
        assertThat(render("{{ 2 ** 3 ** 2 }}")).isEqualTo("64");
    }

    @Test
    void containersPrintAsPythonRepr() {
        assertThat(render("{{ ['a', \"it's\", none, true, 1.0, (1,), {'k': ()}] }}"))
                .isEqualTo("['a', \"it's\", None, True, 1.0, (1,), {'k': ()}]");
    }

    @Test
    void stringsAreSequencesOfCodePoints() {
        assertThat(render("{{ s|length }} {{ s[::-1] }} {{ s[1] }}", Map.of("s", "a😀b"))).isEqualTo("3 b😀a 😀");
    }

    @Test
    void unicodeCaseMappingsAreTheFullOnes() {
        assertThat(render("{{ 'straße'.upper() }} {{ 'ΟΔΟΣ'.lower() }} {{ 'ǆemo'.title() }}"))
                .isEqualTo("STRASSE οδος ǅemo");
    }

    @Test
    void stripAndSplitTreatUnicodeSpacesAsWhitespace() {
        assertThat(render("[{{ s.strip() }}] {{ s.split() }}", Map.of("s", "\u00a0a\u3000b\u2003")))
                .isEqualTo("[a\u3000b] ['a', 'b']");
    }

    @Test
    void sortUniqueAndDictsortIgnoreCaseByDefault() {
        assertThat(render("{{ ['b', 'A', 'a', 'C']|sort|join }} {{ ['a', 'A', 'b']|unique|join }} "
                + "{{ {'b': 1, 'A': 2}|dictsort|map('first')|join }}")).isEqualTo("AabC ab Ab");
    }

    @Test
    void selectattrOnAStringWalksItsCharacters() {
        assertThat(render("[{% for c in s|selectattr('type', 'equalto', 'text') %}x{% endfor %}]", Map.of("s", "hi")))
                .isEqualTo("[]");
    }

    @Test
    void filterGeneratorsAreAlwaysTrueAndSinglePass() {
        assertThat(render("{% set g = [1, 2]|select('odd') %}{% if [2]|select('odd') %}T{% endif %}"
                + "{{ g|list }}{{ g|list }}")).isEqualTo("T[1][]");
    }

    @Test
    void anUndefinedValuePrintsEmptyAndFailsWhenUsed() {
        assertThat(render("[{{ nope }}][{{ nope|length }}][{{ nope is defined }}]")).isEqualTo("[][0][False]");
        TemplateException e = error("{{ nope.attr }}");
        assertThat(e.type()).isEqualTo("UndefinedError");
        assertThat(e.getMessage()).isEqualTo("'nope' is undefined");
    }

    @Test
    void anUnsafeAttributeIsEmptyUntilUsedThenASecurityError() {
        assertThat(render("[{{ ''.__class__ }}]")).isEqualTo("[]");
        TemplateException e = error("{{ ''.__class__.__mro__ }}");
        assertThat(e.type()).isEqualTo("SecurityError");
        assertThat(e.getMessage()).isEqualTo("access to attribute '__class__' of 'str' object is unsafe.");
    }

    @Test
    void mutatingMethodsAreBlockedExceptListPopAndClear() {
        assertThat(error("{{ [1].append(2) }}").type()).isEqualTo("SecurityError");
        assertThat(error("{{ {}.update({}) }}").type()).isEqualTo("SecurityError");
        assertThat(render("{% set l = [1, 2, 3] %}{{ l.pop() }}{{ l }}{{ l.clear() }}{{ l }}")).isEqualTo("3[1, 2]None[]");
    }

    @Test
    void listPopInATemplateLeavesTheCallersListAsItWas() {
        List<Object> messages = new ArrayList<>(List.of(Map.of("role", "user", "content", "a")));
        ChatTemplate t = ENGINE.compile("{{ messages.pop().role }}{{ messages|length }}");
        assertThat(t.render(TemplateContext.of(messages, false))).isEqualTo("user0");
        assertThat(messages).hasSize(1);
    }

    @Test
    void javaObjectsNeverReachATemplate() {
        ChatTemplate t = ENGINE.compile("{{ x }}");
        assertThatThrownBy(() -> t.render(new TemplateContext(List.of(), null, null, false, Map.of("x", new Object()),
                null))).isInstanceOf(TemplateException.class).hasMessageContaining("java.lang.Object");
        assertThat(error("{{ ''.getClass() }}").type()).isEqualTo("UndefinedError");
    }

    @Test
    void assignmentsInsideALoopDoNotLeakButInsideIfTheyDo() {
        assertThat(render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}"
                + "{% if true %}{% set x = 3 %}{% endif %}{{ x }}")).isEqualTo("13");
    }

    @Test
    void macrosSeeTheirDefiningScopeAtCallTime() {
        assertThat(render("{% macro m() %}{{ x }}{% endmacro %}{% set x = 'late' %}{{ m() }}")).isEqualTo("late");
    }

    @Test
    void anUnknownFilterFailsCompilationUnlessInAnIfBranch() {
        assertThatThrownBy(() -> ENGINE.compile("{{ x|nope }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.type()).isEqualTo("TemplateSyntaxError"));
        assertThat(render("{% if false %}{{ x|nope }}{% endif %}ok")).isEqualTo("ok");
    }

    @Test
    void aSyntaxErrorNamesTheLine() {
        assertThatThrownBy(() -> ENGINE.compile("line 1\n{% for x in y %}\n{{ x }}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.type()).isEqualTo("TemplateSyntaxError");
                    assertThat(e.getMessage()).contains("line 3");
                });
    }

    @Test
    void raiseExceptionGivesATemplateErrorWithTheExactMessage() {
        TemplateException e = error("{{ raise_exception('Roles must alternate (got ' ~ 1 ~ ')') }}");
        assertThat(e.type()).isEqualTo(TemplateException.TEMPLATE_ERROR);
        assertThat(e.getMessage()).isEqualTo("Roles must alternate (got 1)");
    }

    @Test
    void strftimeNowUsesThePinnedClockWithGlibcFormats() {
        ChatTemplate t = ENGINE.compile("{{ strftime_now('%d %B %Y, %-d %e %I %p %j') }}");
        assertThat(t.render(TemplateContext.of(List.of(), false).withNow(LocalDateTime.of(2024, 2, 9, 21, 5))))
                .isEqualTo("09 February 2024, 9  9 09 PM 040");
    }

    @Test
    void tojsonIsHfsJsonDumps() {
        assertThat(render("{{ {'a': [1, 2.0, none, true], 'é': '<&>'}|tojson }} {{ 'é'|tojson(ensure_ascii=true) }}"))
                .isEqualTo("{\"a\": [1, 2.0, null, true], \"é\": \"<&>\"} \"\\u00e9\"");
    }

    @Test
    void wordwrapIsPythonsTextwrap() {
        assertThat(render("{{ 'The quick brown fox jumps over the lazy-dog-again'|wordwrap(12) }}"))
                .isEqualTo("The quick\nbrown fox\njumps over\nthe lazy-\ndog-again");
    }

    @Test
    void urlizeLinksUrlsAndEmailsWithNoopener() {
        assertThat(render("{{ 'see www.example.org. or mail a@b.co'|urlize }}"))
                .isEqualTo("see <a href=\"https://www.example.org\" rel=\"noopener\">www.example.org</a>. or mail"
                        + " <a href=\"mailto:a@b.co\">a@b.co</a>");
    }

    @Test
    void printingSelfSharingContainersStopsAtTheReprBound() {
        assertThat(error("{% set ns = namespace(l=[1]) %}{% for i in range(12) %}{% set ns.l = [ns.l] * 100 %}"
                + "{% endfor %}{{ ns.l }}").type()).isEqualTo("LimitExceeded");
    }

    @Test
    void aSliceOfAVariableIsAPythonSubscriptButAFoldedConstantIsNot() {
        assertThat(error("{% set b = false %}{{ b[1:] ~ '' }}").type()).isEqualTo("TypeError");
        assertThat(render("{{ not false[1:] }} {{ [none[::-1]] }}")).isEqualTo("True [Undefined]");
    }

    @Test
    void foldedListLiteralsAreNewListsOnEveryRender() {
        ChatTemplate t = ENGINE.compile("{% set l = [1, 2] %}{{ l.pop() }}{{ l }}");
        assertThat(t.render(TemplateContext.of(List.of(), false))).isEqualTo("2[1]");
        assertThat(t.render(TemplateContext.of(List.of(), false))).isEqualTo("2[1]");
    }

    @Test
    void generationBlocksRenderTheirBody() {
        assertThat(render("{% generation %}a{{ 1 }}{% endgeneration %}b")).isEqualTo("a1b");
    }

    @Test
    void includeAndImportHaveNoLoader() {
        assertThat(error("{% include 'x.jinja' %}").type()).isEqualTo("TypeError");
        assertThat(error("{% import 'x' as y %}").type()).isEqualTo("TypeError");
    }

    @Test
    void deepNestingInTheSourceIsARecursionErrorNotAStackOverflow() {
        String deep = "{{ " + "(".repeat(20000) + "1" + ")".repeat(20000) + " }}";
        assertThatThrownBy(() -> ENGINE.compile(deep))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.type()).isEqualTo("RecursionError"));
        String blocks = "{% if true %}".repeat(5000) + "x" + "{% endif %}".repeat(5000);
        assertThatThrownBy(() -> ENGINE.compile(blocks))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.type()).isEqualTo("RecursionError"));
    }

    @Test
    void unboundedRecursionAtRenderTimeIsARecursionError() {
        assertThat(error("{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}").type()).isEqualTo("RecursionError");
    }

    @Test
    void limitsStopRunawayRendersWithLimitExceeded() {
        TemplateLimits small = TemplateLimits.DEFAULT.withMaxRenderTime(Duration.ofMillis(200));
        ChatTemplate t = new JinjaEngine(small).compile(
                "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
        assertThatThrownBy(() -> t.render(TemplateContext.of(List.of(), false)))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.type()).isEqualTo("LimitExceeded"));
        assertThat(error("{{ 'a' * 10**9 }}").type()).isEqualTo("LimitExceeded");
        assertThat(error("{{ range(100001)|length }}").type()).isEqualTo("OverflowError");
    }

    @Test
    void oneCompiledTemplateRendersConcurrently() throws Exception {
        ChatTemplate t = ENGINE.compile("{% for m in messages %}{{ loop.index }}:{{ m.content|upper }};{% endfor %}");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String content = "c" + i;
                results.add(pool.submit(() -> t.render(TemplateContext.of(
                        List.of(Map.of("content", content), Map.of("content", "x")), false))));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo("1:C" + i + ";2:X;");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
