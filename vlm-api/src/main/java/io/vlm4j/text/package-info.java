/**
 * Text: {@link io.vlm4j.text.Tokenizer}s and compiled {@link io.vlm4j.text.ChatTemplate}s with the
 * {@link io.vlm4j.text.TemplateContext} a render sees.
 */
package io.vlm4j.text;
