package org.chancery.store;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.chancery.record.Tweet;

/**
 * What an OCFL object of the store holds: the tweets one account posted in one calendar month (UTC), the cutoff
 * period records managers use. Its object id is {@code urn:chancery:account:<author id>:<yyyy-MM>}, so a walk can
 * pick an account's or a period's objects by id without opening the others.
 *
 * @param authorId the account's numeric user id
 * @param month    the month the tweets were posted in, UTC
 */
public record AccountMonth(String authorId, YearMonth month) {
    private static final String PREFIX = "urn:chancery:account:";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM", Locale.ROOT);

    public AccountMonth {
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(month, "month");
    }

    /** The object a tweet is stored in: its author and the month (UTC) it was posted in. */
    public static AccountMonth of(Tweet tweet) {
        return new AccountMonth(tweet.author().id(), YearMonth.from(tweet.createdAt().atOffset(ZoneOffset.UTC)));
    }

    /** The account and month of an object id of this store, or empty for an id of another form. */
    public static Optional<AccountMonth> parse(String objectId) {
        if (!objectId.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int colon = objectId.lastIndexOf(':');
        if (colon <= PREFIX.length()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AccountMonth(objectId.substring(PREFIX.length(), colon),
                    YearMonth.parse(objectId.substring(colon + 1), MONTH)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The OCFL object id, e.g. {@code urn:chancery:account:16056306:2017-07}. */
    public String objectId() {
        return PREFIX + authorId + ":" + MONTH.format(month);
    }
}
