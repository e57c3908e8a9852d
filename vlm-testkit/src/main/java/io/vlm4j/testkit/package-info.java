/**
 * The conformance kit: abstract suites that plugin authors extend with one factory method, the golden data
 * HF transformers produced (as resources, see {@link io.vlm4j.testkit.GoldenData}), each case seen from the
 * processor's side ({@link io.vlm4j.testkit.ProcessorCase}) and the model's ({@link io.vlm4j.testkit.ModelCase},
 * checked end to end by {@link io.vlm4j.testkit.GoldenModelSuite}), and a writer of tiny and
 * real-dimension random-weight checkpoints.
 */
package io.vlm4j.testkit;
