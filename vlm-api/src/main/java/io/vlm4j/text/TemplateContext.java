package io.vlm4j.text;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The variables one render sees, as plain Java values: {@code Map<String, ?>} (insertion order kept), {@code List},
 * {@code String}, {@code Long}/{@code Integer}/{@code BigInteger} (Python ints), {@code Double} (Python floats),
 * {@code Boolean}, and {@code null} (Python {@code None}).
 *
 * @param messages the chat messages, as HF passes them (no normalisation)
 * @param tools the tool schemas, or {@code null} (the template then sees {@code tools} defined and none)
 * @param documents the documents, or {@code null}
 * @param addGenerationPrompt HF's {@code add_generation_prompt}
 * @param extraVars every other variable: special tokens ({@code bos_token}, …) and template kwargs
 * @param now the local time {@code strftime_now} uses; {@code null} for the clock
 */
public record TemplateContext(List<?> messages, List<?> tools, List<?> documents, boolean addGenerationPrompt,
        Map<String, ?> extraVars, LocalDateTime now) {
    public TemplateContext {
        Objects.requireNonNull(messages, "messages");
        extraVars = Collections.unmodifiableMap(new LinkedHashMap<>(extraVars == null ? Map.of() : extraVars));
    }

    /** Messages only, with a generation prompt or not. */
    public static TemplateContext of(List<?> messages, boolean addGenerationPrompt) {
        return new TemplateContext(messages, null, null, addGenerationPrompt, Map.of(), null);
    }

    /** This context with other extra variables. */
    public TemplateContext withExtraVars(Map<String, ?> vars) {
        return new TemplateContext(messages, tools, documents, addGenerationPrompt, vars, now);
    }

    /** This context pinned to {@code time} for {@code strftime_now}. */
    public TemplateContext withNow(LocalDateTime time) {
        return new TemplateContext(messages, tools, documents, addGenerationPrompt, extraVars, time);
    }
}
