/**
 * The root of vlm4j's API: the error types every module raises ({@link io.vlm4j.VlmException} and its codes and
 * kinds). The SPIs live in {@code io.vlm4j.spi}, configs in {@code io.vlm4j.config}, checkpoint files in
 * {@code io.vlm4j.safetensors}, the tensor SPI in {@code io.vlm4j.tensor}.
 */
package io.vlm4j;
