/**
 * Tensors: {@link io.vlm4j.tensor.HostTensor}, the plain arrays that processors produce and checkpoint files hold,
 * and the tensor SPI that architectures are written against and backends implement.
 */
package io.vlm4j.tensor;
