/**
 * The tensor SPI on DJL's PyTorch engine: CPU by default, CUDA in the {@code cuda} profile. Knows no family.
 */
package io.vlm4j.backend.djl;
