/**
 * The chat-template engine: HF transformers 4.46's Jinja environment (jinja2 3.1.2, sandboxed) in Java —
 * {@link io.vlm4j.processors.template.JinjaEngine} (the {@code jinja} {@link io.vlm4j.spi.ChatTemplateEngine}),
 * the compiled {@link io.vlm4j.processors.template.JinjaTemplate}, its
 * {@link io.vlm4j.processors.template.TemplateLimits}, and {@link io.vlm4j.processors.template.ChatTemplates},
 * which finds a checkpoint's template and special tokens where HF 4.46 finds them, and
 * {@link io.vlm4j.processors.template.PyJson}, Python's {@code json.dumps}. The rest of the package is
 * the lexer, parser and evaluator and Python's semantics over plain Java values.
 */
package io.vlm4j.processors.template;
