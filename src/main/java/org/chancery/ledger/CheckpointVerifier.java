package org.chancery.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.chancery.InvalidInputException;

/**
 * Checks signed checkpoints against one verifier key (signed-note {@code vkey} form
 * {@code <name>+<hex key id>+<base64(0x01 || public key)>}) and, if given, an expected origin line.
 *
 * <p>As the signed-note spec requires, signature lines by other keys are ignored; a note without a valid
 * signature by this key, or with any invalid one, is rejected.
 */
public final class CheckpointVerifier {
    private final String name;
    private final byte[] keyId;
    private final PublicKey publicKey;
    private final String expectedOrigin;

    /**
     * @param verifierKey    the key in vkey form
     * @param expectedOrigin the origin line checkpoints must carry, or null to accept any
     * @throws InvalidInputException if the verifier key is malformed or its key id does not match the key
     */
    public CheckpointVerifier(String verifierKey, String expectedOrigin) {
        String[] parts = verifierKey == null ? new String[0] : verifierKey.split("\\+", 3);
        if (parts.length != 3) {
            throw new InvalidInputException("Verifier key \"" + verifierKey + "\" is not <name>+<key id>+<key>.");
        }
        try {
            ArchiveKey.requireKeyName(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Verifier key \"" + verifierKey + "\" has an invalid name.", e);
        }
        if (!parts[1].matches("[0-9a-f]{8}")) {
            throw new InvalidInputException(
                    "Verifier key \"" + verifierKey + "\" has key id \"" + parts[1] + "\", not 8 lower-case hex digits.");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Verifier key \"" + verifierKey + "\" has a key that is not base64.", e);
        }
        if (typed.length != 33 || typed[0] != ArchiveKey.ED25519_TYPE
                || !Base64.getEncoder().encodeToString(typed).equals(parts[2])) {
            throw new InvalidInputException(
                    "Verifier key \"" + verifierKey + "\" does not hold a type 0x01 (Ed25519) 32-byte key.");
        }
        byte[] raw = Arrays.copyOfRange(typed, 1, 33);
        byte[] id = ArchiveKey.keyId(parts[0], raw);
        if (!HexFormat.of().formatHex(id).equals(parts[1])) {
            throw new InvalidInputException("Verifier key \"" + verifierKey + "\" has key id " + parts[1]
                    + ", but its name and key give " + HexFormat.of().formatHex(id) + ".");
        }
        this.name = parts[0];
        this.keyId = id;
        this.publicKey = ArchiveKey.publicKeyFromRaw(raw);
        this.expectedOrigin = expectedOrigin == null ? null : Checkpoint.requireOrigin(expectedOrigin);
    }

    /** The key name signatures must carry. */
    public String keyName() {
        return name;
    }

    /** Checks form, origin and signature of a signed checkpoint. */
    public NoteVerification verify(String signedNote) {
        List<String> problems = new ArrayList<>();
        Checkpoint checkpoint = Checkpoint.parseUnverified(signedNote, problems);
        if (checkpoint != null && expectedOrigin != null && !checkpoint.origin().equals(expectedOrigin)) {
            problems.add("The checkpoint's origin is \"" + checkpoint.origin() + "\", not \"" + expectedOrigin + "\".");
        }
        List<String> found = new ArrayList<>();
        SignedNote note = SignedNote.parse(signedNote, found);
        if (note != null) {
            problems.addAll(signatureProblems(note));
        }
        if (!problems.isEmpty() || checkpoint == null) {
            return new NoteVerification.Rejected(problems.isEmpty() ? List.of("The note is not a checkpoint.") : problems);
        }
        return new NoteVerification.Verified(checkpoint);
    }

    /** Problems with the signatures by this verifier's key; empty if at least one is present and all verify. */
    List<String> signatureProblems(SignedNote note) {
        List<String> problems = new ArrayList<>();
        byte[] body = note.body().getBytes(StandardCharsets.UTF_8);
        int valid = 0;
        boolean sameNameOtherKey = false;
        for (SignedNote.Line line : note.signatures()) {
            if (!line.name().equals(name)) {
                continue;
            }
            if (!Arrays.equals(line.keyId(), keyId)) {
                sameNameOtherKey = true;
                continue;
            }
            if (line.signature().length != 64) {
                problems.add("The signature by " + name + " has " + line.signature().length
                        + " bytes instead of 64: it is truncated or padded.");
            } else if (!verifySignature(body, line.signature())) {
                problems.add("The signature by " + name + " does not verify: the note text or the key differs "
                        + "from what was signed.");
            } else {
                valid++;
            }
        }
        if (valid == 0 && problems.isEmpty()) {
            problems.add(sameNameOtherKey
                    ? "The note is signed by a different key also named " + name + ", not by the expected key."
                    : "The note carries no signature by " + name + ".");
        }
        return problems;
    }

    private boolean verifySignature(byte[] body, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(body);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
