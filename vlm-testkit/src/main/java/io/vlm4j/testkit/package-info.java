/**
 * The conformance kit: abstract suites that plugin authors extend with one factory method, the golden data
 * HF transformers produced (as resources, see {@link io.vlm4j.testkit.GoldenData}), and a writer of tiny and
 * real-dimension random-weight checkpoints.
 */
package io.vlm4j.testkit;
