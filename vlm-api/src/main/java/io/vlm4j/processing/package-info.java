/**
 * Processing values: image and video processors and what they produce, with every shape-deciding number a Java
 * int beside the tensors.
 */
package io.vlm4j.processing;
