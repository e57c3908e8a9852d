/**
 * Processing: a family's {@link io.vlm4j.processing.Processor} (chat messages and media to a
 * {@link io.vlm4j.processing.BatchFeature} with one {@link io.vlm4j.processing.MediaItem} per image and video),
 * its {@link io.vlm4j.processing.ChatOptions} and {@link io.vlm4j.processing.Padding}, and the image and video
 * processors it uses and what they produce — with every shape-deciding number a Java int beside the tensors.
 */
package io.vlm4j.processing;
