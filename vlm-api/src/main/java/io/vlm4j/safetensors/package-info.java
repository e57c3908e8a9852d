/**
 * The safetensors format: {@link io.vlm4j.safetensors.SafeTensors} memory-maps the tensors of a file or of a
 * sharded checkpoint, validating the untrusted header; {@link io.vlm4j.safetensors.SafeTensorsWriter} writes
 * files atomically.
 */
package io.vlm4j.safetensors;
