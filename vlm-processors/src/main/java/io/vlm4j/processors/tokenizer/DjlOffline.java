package io.vlm4j.processors.tokenizer;

/**
 * Keeps DJL offline: DJL reports usage to a remote endpoint unless {@code ai.djl.offline} is true when its classes
 * load. Every entry point of this package calls {@link #ensure()} before it can touch a DJL class (the HF
 * tokenizers binding included); the property is set to {@code true} unless the user set it already.
 *
 * <p>To let DJL go online, set it explicitly: {@code -Dai.djl.offline=false}. Nothing downloads a native library
 * either way: online, the HF tokenizers binding would fetch a CUDA build of its Rust library on a machine with a
 * GPU, so {@code RUST_FLAVOR} is set to {@code cpu} (unless the user set it, as an environment variable or a
 * property) and the binding loads the CPU library it ships in its jar.
 *
 * <p>Thread-safe.
 */
final class DjlOffline {
    /** The system property DJL reads. */
    static final String PROPERTY = "ai.djl.offline";
    /** What the HF tokenizers binding reads to pick its Rust library's build. */
    static final String FLAVOR = "RUST_FLAVOR";

    static {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
        if (System.getenv(FLAVOR) == null && System.getProperty(FLAVOR) == null) {
            System.setProperty(FLAVOR, "cpu");
        }
    }

    private DjlOffline() {}

    /** Makes sure the property is decided; the class initializer does the work, once. */
    static void ensure() {
        // the static initializer above has run by the time this returns
    }
}
