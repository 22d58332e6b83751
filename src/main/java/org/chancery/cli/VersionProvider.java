package org.chancery.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the jar manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ChanceryCommand.class.getPackage().getImplementationVersion();
        return new String[] {"chancery " + (v == null ? "(development build)" : v)};
    }

    static String version() {
        String v = ChanceryCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
