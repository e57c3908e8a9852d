/**
 * Tensors: {@link io.vlm4j.tensor.HostTensor}, the plain arrays that processors produce and checkpoint files hold,
 * and the tensor SPI that architectures are written against and backends implement: a {@link io.vlm4j.tensor.Backend}
 * makes {@link io.vlm4j.tensor.Scope}s, which own {@link io.vlm4j.tensor.Tensor}s and hold the operations.
 */
package io.vlm4j.tensor;
