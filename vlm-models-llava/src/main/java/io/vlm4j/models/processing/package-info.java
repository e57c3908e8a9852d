/**
 * What the family processors share, as HF's {@code processing_utils.py} ({@code ProcessorMixin}) does:
 * {@link io.vlm4j.models.processing.ProcessorMixin} renders the chat template, expands the placeholders to the
 * counts a family computes ({@link io.vlm4j.models.processing.MediaExpansion}), tokenizes, pads and assembles the
 * {@link io.vlm4j.processing.BatchFeature}; {@link io.vlm4j.models.processing.ProcessorConfig} reads
 * {@code processor_config.json}.
 */
package io.vlm4j.models.processing;
