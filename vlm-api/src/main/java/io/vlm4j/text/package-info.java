/**
 * Text: {@link io.vlm4j.text.Tokenizer}s with their {@link io.vlm4j.text.SpecialTokens} and
 * {@link io.vlm4j.text.StreamingDecoder}s, and compiled {@link io.vlm4j.text.ChatTemplate}s with the
 * {@link io.vlm4j.text.TemplateContext} a render sees.
 */
package io.vlm4j.text;
