package org.chancery.export;

import java.util.List;
import java.util.stream.Collectors;
import org.chancery.record.Entities;
import org.chancery.record.Tweet;

/** The flat columns a spreadsheet or review platform gets for a tweet. */
final class TweetRow {
    static final List<String> CSV_HEADER = List.of("id", "created_at", "author_id", "handle", "author_name", "text",
            "lang", "urls", "hashtags", "in_reply_to_user_id", "referenced_tweets", "deleted", "captured_at",
            "source_format", "raw_sha256", "ledger_leaf_index");

    private TweetRow() {}

    static List<String> csv(ExportedRecord r) {
        Tweet t = r.tweet();
        return List.of(t.id(), t.createdAt().toString(), t.author().id(), nullToEmpty(t.author().handle()),
                nullToEmpty(t.author().displayName()), t.text(), nullToEmpty(t.lang()), urls(t), hashtags(t),
                nullToEmpty(t.inReplyToUserId()), referenced(t), Boolean.toString(t.deleted()),
                t.provenance().capturedAt().toString(), t.provenance().format().toString(), r.sha256(),
                Long.toString(r.leafIndex()));
    }

    /** Expanded URLs where known, space separated. */
    static String urls(Tweet t) {
        if (t.entities() == null) {
            return "";
        }
        return t.entities().urls().stream()
                .map(u -> u.expandedUrl() != null ? u.expandedUrl() : u.url())
                .collect(Collectors.joining(" "));
    }

    static String hashtags(Tweet t) {
        if (t.entities() == null) {
            return "";
        }
        return t.entities().hashtags().stream().map(Entities.Hashtag::tag).collect(Collectors.joining(" "));
    }

    static String referenced(Tweet t) {
        if (t.referencedTweets() == null) {
            return "";
        }
        return t.referencedTweets().stream().map(x -> x.type().wireName() + ":" + x.id()).collect(Collectors.joining(" "));
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
