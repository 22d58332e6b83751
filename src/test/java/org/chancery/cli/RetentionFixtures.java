package org.chancery.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.chancery.ledger.MerkleLog;

/** Real fixtures for the retention CLI tests, read independently of the code under test. */
final class RetentionFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DAY = Path.of("src/test/resources/fixtures/congresstweets/2017-07-10.json");
    static final Path USERS = Path.of("src/test/resources/fixtures/retention/users-filtered.json");
    static final Path FOUR_ITEMS = Path.of("src/test/resources/fixtures/retention/congresstweets-2017-07-10-items.json");

    private RetentionFixtures() {}

    /** The first {@code n} items of the real day, written as a congresstweets day file under {@code dir}. */
    static Path firstItems(Path dir, int n) throws IOException {
        ArrayNode all = (ArrayNode) JSON.readTree(DAY.toFile());
        ArrayNode some = JSON.createArrayNode();
        for (int i = 0; i < n; i++) {
            some.add(all.get(i));
        }
        Path day = dir.resolve("2017-07-10.json");
        JSON.writeValue(day.toFile(), some);
        return day;
    }

    static List<JsonNode> items(Path file) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        JSON.readTree(file.toFile()).forEach(out::add);
        return out;
    }

    /** Account ids the congresstweets-accounts list marks {@code account_type: campaign}. */
    static Set<String> campaignAccounts() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode entity : JSON.readTree(USERS.toFile())) {
            for (JsonNode a : entity.path("accounts")) {
                if ("campaign".equals(a.path("account_type").asText())) {
                    ids.add(a.path("id").asText());
                }
            }
        }
        return ids;
    }

    /** Indexes of the log entries that equal {@code bytes} (the CLI must be closed). */
    static List<Long> logIndexesOf(Path data, byte[] bytes) {
        List<Long> found = new java.util.ArrayList<>();
        try (MerkleLog log = MerkleLog.open(data.resolve("ledger"))) {
            for (long i = 0; i < log.size(); i++) {
                if (Arrays.equals(log.entry(i), bytes)) {
                    found.add(i);
                }
            }
        }
        return found;
    }
}
