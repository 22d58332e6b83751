package org.chancery.ledger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chancery.StorageException;

/**
 * The append-only history of signed checkpoints, in {@value #FILE} under the ledger directory.
 *
 * <p>File format: for each checkpoint, its signed note's UTF-8 byte length in decimal ASCII, a newline, then the
 * note bytes. Each append is forced to disk (file and directory) before it returns. On open, a last record cut
 * short by a crash is copied to {@code torn-checkpoints-<offset>.bin} and cut off. Tree sizes never decrease.
 */
public final class CheckpointStore implements Closeable {
    static final String FILE = "checkpoints.log";
    private static final int MAX_NOTE_BYTES = 1 << 20;

    private final Path directory;
    private final FileChannel channel;
    private final List<Long> offsets = new ArrayList<>();
    /** The newest checkpoint parsed, kept because every proof served is against it; notes are never rewritten. */
    private Checkpoint latest;
    private int latestIndex = -1;
    private long end;

    private CheckpointStore(Path directory, FileChannel channel) {
        this.directory = directory;
        this.channel = channel;
    }

    /** Opens or creates the checkpoint file in {@code directory}. */
    public static CheckpointStore open(Path directory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(directory.resolve(FILE));
            channel = FileChannel.open(directory.resolve(FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            CheckpointStore store = new CheckpointStore(directory, channel);
            store.recover();
            if (created) {
                MerkleLog.forceDirectory(directory);
            }
            return store;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Reporting the original failure matters more.
                }
            }
            throw new StorageException("Cannot open the checkpoint file in " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends a signed checkpoint durably.
     *
     * @throws IllegalArgumentException if its tree size is smaller than the latest stored one
     */
    public synchronized void append(Checkpoint checkpoint) {
        Optional<Checkpoint> last = latest();
        if (last.isPresent() && checkpoint.size() < last.get().size()) {
            throw new IllegalArgumentException("Checkpoint for size " + checkpoint.size()
                    + " is older than the latest stored checkpoint for size " + last.get().size() + ".");
        }
        byte[] note = checkpoint.text().getBytes(StandardCharsets.UTF_8);
        byte[] header = (note.length + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer record = ByteBuffer.allocate(header.length + note.length).put(header).put(note).flip();
        try {
            MerkleLog.writeFully(channel, record, end);
            channel.force(true);
            MerkleLog.forceDirectory(directory);
        } catch (IOException e) {
            try {
                channel.truncate(end);
            } catch (IOException ignored) {
                // Reopening cuts off a partial record anyway.
            }
            throw new StorageException("Cannot append a checkpoint to " + directory.resolve(FILE) + ".", e);
        }
        offsets.add(end);
        end += header.length + note.length;
    }

    /** Number of stored checkpoints. */
    public synchronized long count() {
        return offsets.size();
    }

    /**
     * The most recent checkpoint, if any.
     *
     * @throws StorageException if the stored note is not a well-formed checkpoint
     */
    public synchronized Optional<Checkpoint> latest() {
        if (offsets.isEmpty()) {
            return Optional.empty();
        }
        int last = offsets.size() - 1;
        if (latestIndex != last) {
            latest = parse(last, note(last));
            latestIndex = last;
        }
        return Optional.of(latest);
    }

    /**
     * Every checkpoint, oldest first.
     *
     * @throws StorageException if a stored note is not a well-formed checkpoint
     */
    public synchronized List<Checkpoint> all() {
        List<Checkpoint> result = new ArrayList<>(offsets.size());
        for (int i = 0; i < offsets.size(); i++) {
            result.add(parse(i, note(i)));
        }
        return result;
    }

    /** The stored signed notes exactly as written, oldest first. */
    public synchronized List<String> notes() {
        List<String> result = new ArrayList<>(offsets.size());
        for (int i = 0; i < offsets.size(); i++) {
            result.add(note(i));
        }
        return result;
    }

    /**
     * Checks every stored checkpoint against {@code log}: signature and origin by {@code verifier}, tree size
     * within the log, root equal to the log's root at that size, and each checkpoint consistent with the one
     * before it by an RFC 9162 consistency proof generated from the log and verified independently.
     */
    public List<LedgerProblem> verifyAgainst(MerkleLog log, CheckpointVerifier verifier) {
        List<LedgerProblem> problems = new ArrayList<>();
        List<String> notes = notes();
        long logSize = log.size();
        Checkpoint previous = null;
        int previousIndex = -1;
        for (int i = 0; i < notes.size(); i++) {
            String item = "checkpoint " + i;
            Checkpoint checkpoint;
            switch (verifier.verify(notes.get(i))) {
                case NoteVerification.Verified v -> checkpoint = v.checkpoint();
                case NoteVerification.Rejected r -> {
                    for (String p : r.problems()) {
                        problems.add(new LedgerProblem(item, p));
                    }
                    checkpoint = Checkpoint.parseUnverified(notes.get(i), new ArrayList<>());
                }
            }
            if (checkpoint == null) {
                continue;
            }
            item = "checkpoint " + i + " (size " + checkpoint.size() + ")";
            if (checkpoint.size() > logSize) {
                problems.add(new LedgerProblem(item, "The checkpoint covers " + checkpoint.size()
                        + " entries but the log has only " + logSize + "."));
            } else {
                Hash logRoot = log.root(checkpoint.size());
                if (!logRoot.equals(checkpoint.root())) {
                    problems.add(new LedgerProblem(item, "The signed root " + checkpoint.root()
                            + " is not the log's root " + logRoot + " at that size."));
                }
            }
            if (previous != null) {
                String before = "checkpoint " + previousIndex + " (size " + previous.size() + ")";
                if (checkpoint.size() < previous.size()) {
                    problems.add(new LedgerProblem(item, "The tree size went down from " + before + "."));
                } else if (previous.size() > 0 && checkpoint.size() <= logSize) {
                    ConsistencyProof proof = log.consistencyProof(previous.size(), checkpoint.size());
                    if (MerkleTree.verifyConsistency(proof, previous.root(), checkpoint.root())
                            instanceof ProofVerification.Invalid invalid) {
                        problems.add(new LedgerProblem(item, "The checkpoint is not consistent with " + before
                                + ": " + invalid.reason()));
                    }
                }
            }
            previous = checkpoint;
            previousIndex = i;
        }
        return problems;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageException("Cannot close " + directory.resolve(FILE) + ".", e);
        }
    }

    private Checkpoint parse(int index, String note) {
        List<String> problems = new ArrayList<>();
        Checkpoint checkpoint = Checkpoint.parseUnverified(note, problems);
        if (checkpoint == null) {
            throw new StorageException("Checkpoint " + index + " in " + directory.resolve(FILE)
                    + " is damaged: " + String.join(" ", problems));
        }
        return checkpoint;
    }

    private String note(int index) {
        long offset = offsets.get(index);
        try {
            long[] frame = frameAt(offset, end);
            if (frame == null) {
                throw new StorageException("Checkpoint " + index + " in " + directory.resolve(FILE) + " cannot be read.");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) frame[1]);
            MerkleLog.readFully(channel, bytes, frame[0]);
            return new String(bytes.array(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("Cannot read checkpoint " + index + " from " + directory.resolve(FILE) + ".", e);
        }
    }

    private void recover() throws IOException {
        long size = channel.size();
        long position = 0;
        while (position < size) {
            long[] frame = frameAt(position, size);
            if (frame == null) {
                break;
            }
            offsets.add(position);
            position = frame[0] + frame[1];
        }
        if (position < size) {
            Path torn = directory.resolve("torn-checkpoints-" + position + ".bin");
            for (int i = 1; Files.exists(torn); i++) {
                torn = directory.resolve("torn-checkpoints-" + position + "-" + i + ".bin");
            }
            try (FileChannel out = FileChannel.open(torn, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < size - position) {
                    done += channel.transferTo(position + done, size - position - done, out);
                }
                out.force(true);
            }
            channel.truncate(position);
            channel.force(true);
            MerkleLog.forceDirectory(directory);
        }
        end = position;
    }

    /** {start of note, note length} of a complete record at {@code position}, or null if there is none. */
    private long[] frameAt(long position, long limit) throws IOException {
        ByteBuffer digits = ByteBuffer.allocate(8);
        int got = channel.read(digits, position);
        if (got <= 0) {
            return null;
        }
        long length = 0;
        for (int i = 0; i < got; i++) {
            byte b = digits.get(i);
            if (b == '\n' && i > 0) {
                long start = position + i + 1;
                return length <= MAX_NOTE_BYTES && start + length <= limit ? new long[] {start, length} : null;
            }
            if (b < '0' || b > '9' || (i == 1 && digits.get(0) == '0')) {
                return null;
            }
            length = length * 10 + (b - '0');
        }
        return null;
    }
}
