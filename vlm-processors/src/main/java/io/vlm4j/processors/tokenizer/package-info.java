/**
 * Tokenizers as HF transformers 4.46's slow tokenizers behave ({@code Qwen2Tokenizer}, {@code LlamaTokenizer}),
 * loaded from {@code tokenizer.json} or from the legacy files (Qwen2 {@code vocab.json} + {@code merges.txt},
 * SentencePiece {@code tokenizer.model}) converted in memory as HF's {@code convert_slow_tokenizer} does;
 * {@link io.vlm4j.processors.tokenizer.TokenizerConfig} reads added and special tokens in pure Java, and
 * {@link io.vlm4j.processors.tokenizer.HfTokenizerFactory} is the {@code hf} provider. Before any DJL class loads,
 * DJL is set offline ({@code -Dai.djl.offline=false} opts back in).
 */
package io.vlm4j.processors.tokenizer;
