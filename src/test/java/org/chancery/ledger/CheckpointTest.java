package org.chancery.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.chancery.InvalidInputException;
import org.junit.jupiter.api.Test;

/**
 * Signed checkpoints. The reference key and note come from the Go signed-note implementation's tests
 * (golang.org/x/mod/sumdb/note, note_test.go), so the exact bytes are checked against an outside source.
 */
class CheckpointTest {
    private static final String GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_SKEY_KEY = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    private static final String ORIGIN = "chancery.example/archive/0b7c1c7e-3f2a-4c55-9a5e-6f3f1d0f9a10";

    private static byte[] goSeed() {
        byte[] typed = Base64.getDecoder().decode(GO_SKEY_KEY);
        assertEquals(1, typed[0], "type byte of an Ed25519 signer key");
        return Arrays.copyOfRange(typed, 1, 33);
    }

    private final ArchiveKey goKey = ArchiveKey.fromSeed("PeterNeumann", goSeed());
    private final Hash root = new Hash(NaiveMerkle.mth(List.of(
            "a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8), "c".getBytes(StandardCharsets.UTF_8))));

    @Test
    void goReferenceKeyAndNoteAreReproducedByteForByte() {
        assertEquals(GO_VKEY, goKey.verifierKey());
        assertEquals(GO_NOTE, new CheckpointSigner(goKey).signNote(GO_TEXT));
        List<String> problems = new ArrayList<>();
        SignedNote note = SignedNote.parse(GO_NOTE, problems);
        assertEquals(List.of(), problems);
        assertEquals(List.of(), new CheckpointVerifier(GO_VKEY, null).signatureProblems(note));
        SignedNote changed = SignedNote.parse(GO_NOTE.replace("cryptography", "cryptographY"), problems);
        assertEquals(1, new CheckpointVerifier(GO_VKEY, null).signatureProblems(changed).size());
    }

    @Test
    void checkpointTextIsTheC2spFormatWithAnIndependentlyComputedSignature() throws Exception {
        Checkpoint checkpoint = new CheckpointSigner(goKey).sign(ORIGIN, 3, root);
        String body = ORIGIN + "\n3\n" + Base64.getEncoder().encodeToString(root.bytes()) + "\n";
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, goSeed())));
        s.update(body.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[68];
        System.arraycopy(HexFormat.of().parseHex("c74f20a3"), 0, blob, 0, 4);
        System.arraycopy(s.sign(), 0, blob, 4, 64);
        String expected = body + "\n\u2014 PeterNeumann " + Base64.getEncoder().encodeToString(blob) + "\n";
        assertEquals(expected, checkpoint.text());
        assertEquals(body, checkpoint.body());
    }

    @Test
    void validCheckpointIsVerifiedAndItsFieldsRead() {
        Checkpoint checkpoint = new CheckpointSigner(goKey).sign(ORIGIN, 3, root);
        NoteVerification result = new CheckpointVerifier(GO_VKEY, ORIGIN).verify(checkpoint.text());
        NoteVerification.Verified verified = assertInstanceOf(NoteVerification.Verified.class, result);
        assertEquals(checkpoint, verified.checkpoint());
        assertEquals(3, verified.checkpoint().size());
        assertEquals(root, verified.checkpoint().root());
    }

    @Test
    void changedSizeRootOrOriginLineIsRejected() {
        String text = new CheckpointSigner(goKey).sign(ORIGIN, 3, root).text();
        String otherRoot = MerkleTree.emptyRoot().base64();
        assertRejected(text.replace("\n3\n", "\n4\n"), null, "does not verify");
        assertRejected(text.replace(root.base64(), otherRoot), null, "does not verify");
        assertRejected(text.replace(ORIGIN, ORIGIN + "x"), null, "does not verify");
        assertRejected(text.replace(ORIGIN, ORIGIN + "x"), ORIGIN, "origin");
    }

    @Test
    void signatureByAnotherKeyIsRejected() {
        byte[] seed = goSeed();
        seed[0] ^= 1;
        ArchiveKey other = ArchiveKey.fromSeed("PeterNeumann", seed);
        String text = new CheckpointSigner(other).sign(ORIGIN, 3, root).text();
        assertRejected(text, ORIGIN, "different key");
        ArchiveKey otherName = ArchiveKey.fromSeed("someone.else", goSeed());
        assertRejected(new CheckpointSigner(otherName).sign(ORIGIN, 3, root).text(), ORIGIN, "no signature by");
    }

    @Test
    void truncatedSignatureIsRejected() {
        String text = new CheckpointSigner(goKey).sign(ORIGIN, 3, root).text();
        int start = text.lastIndexOf(' ') + 1;
        byte[] blob = Base64.getDecoder().decode(text.substring(start, text.length() - 1));
        String shortened = text.substring(0, start) + Base64.getEncoder().encodeToString(Arrays.copyOf(blob, 65)) + "\n";
        assertRejected(shortened, ORIGIN, "instead of 64");
        assertRejected(text.substring(0, text.length() - 10), ORIGIN, "truncated");
    }

    @Test
    void extraOrMissingLinesAreRejected() {
        String text = new CheckpointSigner(goKey).sign(ORIGIN, 3, root).text();
        String body = ORIGIN + "\n3\n" + root.base64() + "\n";
        String signatureLine = text.substring(body.length() + 1);
        assertRejected(body + "extension\n\n" + signatureLine, ORIGIN, "after the root hash");
        assertRejected(ORIGIN + "\n3\n\n" + signatureLine, ORIGIN, "body lines");
        assertRejected(body + signatureLine, ORIGIN, "no blank line");
        assertRejected(text + "not a signature line\n", ORIGIN, "Signature line 2");
        assertRejected(body + "\n", ORIGIN, "no signature lines");
        assertRejected(text.replace("\n3\n", "\n03\n"), ORIGIN, "leading zeros");
        assertRejected(text.replace("\n", "\r\n"), ORIGIN, "U+000D");
    }

    @Test
    void signaturesByUnknownKeysAreIgnored() {
        ArchiveKey witness = ArchiveKey.fromSeed("witness.example", new byte[32]);
        String text = new CheckpointSigner(goKey).sign(ORIGIN, 3, root).text();
        String witnessLine = new CheckpointSigner(witness).signNote(ORIGIN + "\n3\n" + root.base64() + "\n");
        String cosigned = text + witnessLine.substring(witnessLine.lastIndexOf('\u2014'));
        assertInstanceOf(NoteVerification.Verified.class, new CheckpointVerifier(GO_VKEY, ORIGIN).verify(cosigned));
    }

    @Test
    void malformedVerifierKeysAreRefused() {
        assertThrows(InvalidInputException.class, () -> new CheckpointVerifier(GO_VKEY.replace("c74f20a3", "c74f20a4"), null));
        assertThrows(InvalidInputException.class, () -> new CheckpointVerifier("PeterNeumann+c74f20a3", null));
        assertThrows(InvalidInputException.class, () -> new CheckpointVerifier(GO_VKEY.replace("+ARpc", "+AhRpc"), null));
        assertThrows(InvalidInputException.class, () -> new CheckpointVerifier(GO_VKEY.replace("+ARpc", "+Apc"), null));
    }

    @Test
    void verifierKeysWhoseBase64ContainsPlusAreRead() {
        ArchiveKey key = null;
        for (int i = 0; key == null; i++) {
            byte[] seed = new byte[32];
            seed[0] = (byte) i;
            ArchiveKey candidate = ArchiveKey.fromSeed("plus.example", seed);
            if (candidate.verifierKey().split("\\+").length > 3) {
                key = candidate;
            }
        }
        String text = new CheckpointSigner(key).sign(ORIGIN, 3, root).text();
        assertInstanceOf(NoteVerification.Verified.class, new CheckpointVerifier(key.verifierKey(), ORIGIN).verify(text));
    }

    @Test
    void checkpointRecordInsistsItsTextMatchesItsFields() {
        String text = new CheckpointSigner(goKey).sign(ORIGIN, 3, root).text();
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(ORIGIN, 4, root, text));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint("bad\norigin", 3, root, text));
    }

    private static void assertRejected(String note, String origin, String expectedFragment) {
        NoteVerification result = new CheckpointVerifier(GO_VKEY, origin).verify(note);
        NoteVerification.Rejected rejected = assertInstanceOf(NoteVerification.Rejected.class, result,
                "note should be rejected:\n" + note);
        assertTrue(rejected.problems().stream().anyMatch(p -> p.contains(expectedFragment)),
                "expected a problem mentioning \"" + expectedFragment + "\", got " + rejected.problems());
    }
}
