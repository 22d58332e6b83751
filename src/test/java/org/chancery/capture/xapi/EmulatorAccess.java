package org.chancery.capture.xapi;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/** Lets tests in other packages start the X API emulator to serve files. */
public final class EmulatorAccess implements AutoCloseable {
    private final XApiEmulator emulator;

    private EmulatorAccess(XApiEmulator emulator) {
        this.emulator = emulator;
    }

    public static EmulatorAccess start() throws IOException {
        return new EmulatorAccess(new XApiEmulator(Clock.systemUTC()));
    }

    public URI baseUrl() {
        return emulator.baseUrl();
    }

    public void file(String path, byte[] bytes, String contentType) {
        emulator.file(path, bytes, contentType);
    }

    /** Every request seen, files as {@code (file) PATH}. */
    public java.util.List<String> log() {
        return emulator.log();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
