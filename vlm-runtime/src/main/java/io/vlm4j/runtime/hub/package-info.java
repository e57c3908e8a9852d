/**
 * The HuggingFace hub client: resolves {@code org/name[@revision]} through the hub's HTTP API into the standard
 * HuggingFace cache ({@code models--org--name/{blobs,snapshots,refs}}), laid out exactly as Python
 * {@code huggingface_hub} 0.26 lays it out, so that either reuses what the other downloaded.
 *
 * <p>{@link io.vlm4j.runtime.hub.HubClient} fetches a snapshot of the files a backend needs
 * ({@link io.vlm4j.runtime.hub.FileSelection}), resumably, verified and atomically;
 * {@link io.vlm4j.runtime.hub.ModelLocator} turns a model argument (a folder or a hub id) into a local folder.
 * Settings come from the environment ({@link io.vlm4j.runtime.hub.HubSettings}: {@code HF_ENDPOINT},
 * {@code HF_TOKEN}, {@code HF_HUB_CACHE}, {@code HF_HOME}, {@code HF_HUB_OFFLINE}, …).
 */
package io.vlm4j.runtime.hub;
