package io.vlm4j.processors.tokenizer;

import io.vlm4j.text.Tokenizer;
import java.nio.file.Path;

/** Run in a fresh JVM by {@link DjlOfflineTest}: prints the DJL property around the first touch of this package. */
public final class OfflineProbe {
    private OfflineProbe() {}

    public static void main(String[] args) {
        System.out.println("before=" + System.getProperty(DjlOffline.PROPERTY));
        System.out.flush();
        boolean loadable = TokenizerLoader.canLoad(Path.of(args[0]));
        System.out.println("touched=" + System.getProperty(DjlOffline.PROPERTY) + " loadable=" + loadable);
        System.out.println("flavor=" + System.getProperty(DjlOffline.FLAVOR));
        System.out.flush();
        if (args.length > 1) {
            try (Tokenizer t = TokenizerLoader.load(Path.of(args[0]))) {
                System.out.println("ids=" + t.encode("Hi", true).length + " djlOffline="
                        + ai.djl.util.Utils.isOfflineMode());
            }
        }
    }
}
