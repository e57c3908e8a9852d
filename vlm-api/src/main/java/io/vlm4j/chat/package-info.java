/**
 * Chat messages as HF's chat format has them: a {@link io.vlm4j.chat.Conversation} of
 * {@link io.vlm4j.chat.Message}s whose {@link io.vlm4j.chat.Content} items are text, images and videos.
 */
package io.vlm4j.chat;
