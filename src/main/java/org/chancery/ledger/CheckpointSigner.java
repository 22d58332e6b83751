package org.chancery.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Signs checkpoints with the archive key as C2SP signed notes. */
public final class CheckpointSigner {
    private final ArchiveKey key;

    public CheckpointSigner(ArchiveKey key) {
        if (key == null) {
            throw new IllegalArgumentException("A checkpoint signer needs a key.");
        }
        this.key = key;
    }

    /** The signed checkpoint for the tree of {@code size} entries with root {@code root}. */
    public Checkpoint sign(String origin, long size, Hash root) {
        Checkpoint.requireOrigin(origin);
        if (size < 0 || root == null) {
            throw new IllegalArgumentException("A checkpoint needs a tree size of zero or more and a root hash.");
        }
        String text = signNote(Checkpoint.body(origin, size, root));
        return new Checkpoint(origin, size, root, text);
    }

    /** Any signed-note text signed by this key: the text, a blank line and one signature line. */
    String signNote(String text) {
        if (!text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("Note text must end in a newline and contain no blank line.");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < 0x20 && text.charAt(i) != '\n') {
                throw new IllegalArgumentException("Note text has a control character at index " + i + ".");
            }
        }
        byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = new byte[4 + signature.length];
        System.arraycopy(key.keyId(), 0, blob, 0, 4);
        System.arraycopy(signature, 0, blob, 4, signature.length);
        return text + "\n" + SignedNote.SIGNATURE_PREFIX + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }
}
