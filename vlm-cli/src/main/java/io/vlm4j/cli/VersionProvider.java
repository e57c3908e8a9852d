package io.vlm4j.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code vlm --version}: the version in the jar's manifest, and the Java it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VlmCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "vlm4j " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
