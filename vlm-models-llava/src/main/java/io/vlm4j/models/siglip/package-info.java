/**
 * HF's {@code siglip/} folder, the vision half: the SigLIP vision tower
 * ({@link io.vlm4j.models.siglip.SiglipVisionModel}: patch embedding with a bias and no class embedding, no
 * pre-layernorm, encoder layers with tanh-GELU MLPs). The MLP, encoder layer and encoder are CLIP's, as HF copies
 * them ({@code io.vlm4j.models.clip}). Written against the tensor SPI only.
 */
package io.vlm4j.models.siglip;
