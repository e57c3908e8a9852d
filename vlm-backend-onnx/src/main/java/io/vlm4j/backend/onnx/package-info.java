/**
 * The tensor SPI on ONNX Runtime. Knows no family.
 */
package io.vlm4j.backend.onnx;
