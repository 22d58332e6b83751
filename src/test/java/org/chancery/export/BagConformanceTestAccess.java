package org.chancery.export;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages copy a bag folder the same way the conformance test does. */
public final class BagConformanceTestAccess {
    private BagConformanceTestAccess() {}

    public static Path copy(Path from, Path to) throws IOException {
        return BagConformanceTest.copy(from, to);
    }
}
