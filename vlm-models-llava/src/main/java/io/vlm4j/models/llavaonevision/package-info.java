/**
 * The {@code llava_onevision} family (HF's {@code llava_onevision/} folder): {@link
 * io.vlm4j.models.llavaonevision.LlavaOnevisionProcessor}, the model {@link
 * io.vlm4j.models.llavaonevision.LlavaOnevisionForConditionalGeneration} and the provider {@link
 * io.vlm4j.models.llavaonevision.LlavaOnevisionFamily}.
 */
package io.vlm4j.models.llavaonevision;
