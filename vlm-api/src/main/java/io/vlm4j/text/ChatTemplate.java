package io.vlm4j.text;

/**
 * A compiled chat template. Thread-safe: one compiled template renders any number of contexts concurrently.
 */
public interface ChatTemplate {
    /**
     * Renders the template as HF transformers 4.46 does
     * ({@code render(messages=…, tools=…, documents=…, add_generation_prompt=…, **extra_vars)}).
     *
     * @throws io.vlm4j.TemplateException with the Jinja2 error type (and {@code raise_exception}'s exact message),
     *     or {@code LimitExceeded} when the render passes a time, size or depth bound
     */
    String render(TemplateContext context);
}
