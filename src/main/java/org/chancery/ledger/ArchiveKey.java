package org.chancery.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.chancery.InvalidInputException;
import org.chancery.StorageException;

/**
 * The archive's Ed25519 signing key for checkpoints, named as a C2SP signed-note key.
 *
 * <p>On disk, in the keys directory: {@value #PRIVATE_FILE} holds the private key as PKCS#8 DER (owner read/write
 * only where the file system has POSIX permissions) and {@value #PUBLIC_FILE} holds the verifier key line
 * {@code <name>+<hex key id>+<base64(0x01 || 32-byte public key)>}, which is what auditors need.
 */
public final class ArchiveKey {
    static final String PRIVATE_FILE = "ledger-signing-key.pk8";
    static final String PUBLIC_FILE = "ledger-signing-key.vkey";

    /** Signed-note signature type byte for Ed25519. */
    static final byte ED25519_TYPE = 0x01;

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding a raw 32-byte Ed25519 key. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String name;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private ArchiveKey(String name, PrivateKey privateKey, byte[] publicKey) {
        this.name = requireKeyName(name);
        this.privateKey = privateKey;
        this.publicKey = publicKey.clone();
    }

    /**
     * Loads the key from {@code keysDirectory}, or creates and stores a new random one if there is none.
     *
     * @throws InvalidInputException if the stored key has a different name
     * @throws StorageException      if the key files cannot be read, written or do not match each other
     */
    public static ArchiveKey loadOrCreate(Path keysDirectory, String name) {
        requireKeyName(name);
        Path privateFile = keysDirectory.resolve(PRIVATE_FILE);
        Path publicFile = keysDirectory.resolve(PUBLIC_FILE);
        try {
            if (!Files.exists(privateFile)) {
                byte[] seed = new byte[32];
                new SecureRandom().nextBytes(seed);
                ArchiveKey created = fromSeed(name, seed);
                Arrays.fill(seed, (byte) 0);
                Files.createDirectories(keysDirectory);
                writeAtomically(privateFile, created.privateKey.getEncoded(), true);
                writeAtomically(publicFile, (created.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8), false);
                return created;
            }
            byte[] der = Files.readAllBytes(privateFile);
            PrivateKey stored = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            byte[] seed = ((EdECPrivateKey) stored).getBytes().orElseThrow(() -> new StorageException(
                    "The private key in " + privateFile + " does not expose its Ed25519 seed."));
            ArchiveKey key = fromSeed(name, seed);
            if (Files.exists(publicFile)) {
                String line = Files.readString(publicFile, StandardCharsets.UTF_8).strip();
                String storedName = line.contains("+") ? line.substring(0, line.indexOf('+')) : line;
                if (!storedName.equals(name)) {
                    throw new InvalidInputException("The key in " + keysDirectory + " is named " + storedName
                            + ", not " + name + "; pass the stored name or use another keys directory.");
                }
                if (!line.equals(key.verifierKey())) {
                    throw new StorageException("The public key file " + publicFile
                            + " does not match the private key in " + privateFile + ".");
                }
            } else {
                writeAtomically(publicFile, (key.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8), false);
            }
            return key;
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new StorageException("Cannot load or create the ledger signing key in " + keysDirectory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The key whose 32-byte Ed25519 private seed is {@code seed} (RFC 8032 §5.1.5). Deterministic, so tests and
     * key imports get the same public key and signatures every time.
     */
    public static ArchiveKey fromSeed(String name, byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("An Ed25519 seed has 32 bytes.");
        }
        try {
            // The JDK cannot derive an Ed25519 public key from a private one directly; its key pair generator
            // takes the private seed from the random source, so a source that yields the seed derives the pair.
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
            if (!Arrays.equals(derived, seed)) {
                throw new IllegalStateException("This Java runtime did not derive the Ed25519 key from the seed.");
            }
            return new ArchiveKey(name, pair.getPrivate(), rawPublicKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime does not provide Ed25519.", e);
        }
    }

    /** The signed-note key name. */
    public String name() {
        return name;
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 4-byte key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key). */
    public byte[] keyId() {
        return keyId(name, publicKey);
    }

    /** The verifier key in signed-note form: {@code <name>+<hex key id>+<base64(0x01 || public key)>}. */
    public String verifierKey() {
        byte[] typed = new byte[33];
        typed[0] = ED25519_TYPE;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(keyId()) + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Ed25519 signature (64 bytes) over {@code message}. */
    byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed for key " + name + ".", e);
        }
    }

    static byte[] keyId(String name, byte[] rawPublicKey) {
        Sha256 sha = new Sha256();
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[nameBytes.length + 2 + rawPublicKey.length];
        System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
        input[nameBytes.length] = 0x0A;
        input[nameBytes.length + 1] = ED25519_TYPE;
        System.arraycopy(rawPublicKey, 0, input, nameBytes.length + 2, rawPublicKey.length);
        return Arrays.copyOf(sha.plain(input), 4);
    }

    /** The raw 32 bytes of a JDK Ed25519 public key (its X.509 encoding minus the fixed 12-byte prefix). */
    static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key.getEncoded();
        if (spki.length != SPKI_PREFIX.length + 32
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("Not an Ed25519 public key in X.509 form.");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /** A JDK public key for raw 32 Ed25519 bytes. */
    static PublicKey publicKeyFromRaw(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("An Ed25519 public key has 32 bytes, got " + raw.length + ".");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("The bytes are not a valid Ed25519 public key.", e);
        }
    }

    /** Key names may not be empty and may not contain white space or {@code +} (signed-note rules). */
    static String requireKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A signing key name must not be empty.");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+' || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp < 0x20) {
                throw new IllegalArgumentException(
                        "Signing key name \"" + name + "\" contains white space or '+' at index " + i + ".");
            }
            i += Character.charCount(cp);
        }
        return name;
    }

    private static void writeAtomically(Path target, byte[] bytes, boolean ownerOnly) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = ownerOnly && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp", attributes);
        try {
            if (posix && !ownerOnly) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                MerkleLog.writeFully(channel, ByteBuffer.wrap(bytes), 0);
                channel.force(true);
            }
            if (Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        MerkleLog.forceDirectory(dir);
    }

    /** Random source that yields exactly the given seed; see {@link #fromSeed}. */
    private static final class SeedSource extends SecureRandom {
        private final byte[] seed;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Expected a request for a 32-byte Ed25519 seed.");
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
    }
}
