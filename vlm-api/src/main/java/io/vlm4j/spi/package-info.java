/**
 * The service-provider interfaces through which families, backends, tokenizers, template engines, processors and
 * video decoders plug into vlm4j, found with {@link java.util.ServiceLoader}. Each SPI extends
 * {@link io.vlm4j.spi.Provider}: ids that are contract, an {@code SPI_VERSION} checked at discovery, declared
 * capabilities, a priority and a cheap availability check. {@link io.vlm4j.spi.ProcessorContext} is what a family builds
 * its processor from: a checkpoint and factories backed by the other SPIs' registries.
 */
package io.vlm4j.spi;
