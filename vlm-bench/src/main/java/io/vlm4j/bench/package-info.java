/**
 * JMH benchmarks of every stage of a request: preprocessing, tokenizing, template rendering, video
 * decoding, vision encoding, prefill and decode.
 */
package io.vlm4j.bench;
