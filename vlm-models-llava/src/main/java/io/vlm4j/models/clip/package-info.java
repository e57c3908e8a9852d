/**
 * HF's {@code clip/} folder, the vision half: the CLIP vision tower ({@link io.vlm4j.models.clip.CLIPVisionModel}:
 * patch embedding with a class embedding, pre-layernorm, encoder layers with quick_gelu MLPs), and what SigLIP's
 * tower shares with it as HF copies it ({@link io.vlm4j.models.clip.CLIPMLP},
 * {@link io.vlm4j.models.clip.CLIPEncoderLayer}, {@link io.vlm4j.models.clip.CLIPEncoder},
 * {@link io.vlm4j.models.clip.LayerNorm}), behind {@link io.vlm4j.models.clip.VisionTower}, what the LLaVA families
 * call their {@code vision_tower}. Written against the tensor SPI only.
 */
package io.vlm4j.models.clip;
