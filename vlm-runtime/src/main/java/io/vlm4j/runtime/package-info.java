/**
 * The runtime: {@link io.vlm4j.runtime.Registry registries} of the SPIs' providers, discovered with
 * {@link java.util.ServiceLoader}; the {@code Auto*} entry points that resolve a checkpoint folder into a config,
 * processor and model; generation; the pipeline; the hub client and cache.
 */
package io.vlm4j.runtime;
