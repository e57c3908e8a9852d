/**
 * The service-provider interfaces through which families, backends, tokenizers, template engines, processors and
 * video decoders plug into vlm4j, found with {@link java.util.ServiceLoader}. Each SPI extends
 * {@link io.vlm4j.spi.Provider}: ids that are contract, an {@code SPI_VERSION} checked at discovery, declared
 * capabilities, a priority and a cheap availability check.
 */
package io.vlm4j.spi;
