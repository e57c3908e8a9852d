package io.vlm4j.processors.tokenizer;

/**
 * Keeps DJL offline: DJL reports usage to a remote endpoint unless {@code ai.djl.offline} is true when its classes
 * load. Every entry point of this package calls {@link #ensure()} before it can touch a DJL class (the HF
 * tokenizers binding included); the property is set to {@code true} unless the user set it already.
 *
 * <p>To let DJL go online, set it explicitly: {@code -Dai.djl.offline=false}. Nothing here downloads a native
 * library either way: the HF tokenizers binding loads the Rust library it ships in its jar.
 *
 * <p>Thread-safe.
 */
final class DjlOffline {
    /** The system property DJL reads. */
    static final String PROPERTY = "ai.djl.offline";

    static {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }

    private DjlOffline() {}

    /** Makes sure the property is decided; the class initializer does the work, once. */
    static void ensure() {
        // the static initializer above has run by the time this returns
    }
}
