/**
 * Video and image decoding on FFmpeg (JavaCV): metadata, frame sampling as HF does it, decoding only the frames
 * asked for, RGB conversion identical to PyAV's.
 */
package io.vlm4j.video;
