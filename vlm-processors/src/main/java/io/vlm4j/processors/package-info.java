/**
 * Processors as HF transformers 4.46 has them: tokenizers (HF tokenizers, and the slow-to-fast conversion of
 * legacy vocab/merges and SentencePiece files), the sandboxed chat-template engine, image and video processors with
 * PIL-exact resampling. Each concern lives in its own subpackage.
 */
package io.vlm4j.processors;
