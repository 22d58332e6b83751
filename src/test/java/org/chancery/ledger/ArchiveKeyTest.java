package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveKeyTest {
    private static final String NAME = "chancery.example/archive/test";

    @TempDir
    Path keys;

    @Test
    void keyIsCreatedOnFirstUseAndTheSameKeyIsLoadedLater() throws Exception {
        ArchiveKey created = ArchiveKey.loadOrCreate(keys, NAME);
        ArchiveKey loaded = ArchiveKey.loadOrCreate(keys, NAME);
        assertEquals(created.verifierKey(), loaded.verifierKey());
        assertEquals(created.verifierKey() + "\n",
                Files.readString(keys.resolve(ArchiveKey.PUBLIC_FILE), StandardCharsets.UTF_8));

        byte[] der = Files.readAllBytes(keys.resolve(ArchiveKey.PRIVATE_FILE));
        EdECPrivateKey stored = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] seed = stored.getBytes().orElseThrow();
        assertArrayEquals(created.publicKey(), ArchiveKey.fromSeed(NAME, seed).publicKey());
        if (Files.getFileStore(keys).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(keys.resolve(ArchiveKey.PRIVATE_FILE))));
        }
    }

    @Test
    void verifierKeyFollowsTheSignedNoteFormula() {
        ArchiveKey key = ArchiveKey.loadOrCreate(keys, NAME);
        // name + key id + base64 key: the base64 may itself contain '+', so split on the first two only.
        String[] parts = key.verifierKey().split("\\+", 3);
        assertEquals(NAME, parts[0]);
        byte[] typed = Base64.getDecoder().decode(parts[2]);
        assertEquals(33, typed.length);
        assertEquals(1, typed[0]);
        byte[] raw = Arrays.copyOfRange(typed, 1, 33);
        assertArrayEquals(key.publicKey(), raw);
        byte[] id = Arrays.copyOf(NaiveMerkle.sha256(NAME.getBytes(StandardCharsets.UTF_8), new byte[] {0x0A, 0x01}, raw), 4);
        assertEquals(HexFormat.of().formatHex(id), parts[1]);
    }

    @Test
    void rawPublicKeyRoundTripsThroughX509() {
        ArchiveKey key = ArchiveKey.fromSeed(NAME, new byte[32]);
        byte[] spki = ArchiveKey.publicKeyFromRaw(key.publicKey()).getEncoded();
        assertEquals("302a300506032b6570032100", HexFormat.of().formatHex(spki, 0, 12));
        assertArrayEquals(key.publicKey(), Arrays.copyOfRange(spki, 12, 44));
    }

    @Test
    void storedKeyWithAnotherNameIsRefused() {
        ArchiveKey.loadOrCreate(keys, NAME);
        assertThrows(InvalidInputException.class, () -> ArchiveKey.loadOrCreate(keys, NAME + "-other"));
    }

    @Test
    void keyNamesWithSpacesOrPlusAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ArchiveKey.fromSeed("a b", new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> ArchiveKey.fromSeed("a+b", new byte[32]));
    }
}
