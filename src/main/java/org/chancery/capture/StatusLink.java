package org.chancery.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.chancery.record.Ids;

/**
 * A link to one tweet's page, {@code https://twitter.com/<user>/status/<id>} (also {@code statuses},
 * {@code www.}/{@code mobile.} hosts and {@code x.com}), as collectors write them for retweets and quotes.
 *
 * @param user the screen name in the path
 * @param id   the tweet id in the path
 */
record StatusLink(String user, String id) {
    private static final Set<String> HOSTS = Set.of(
            "twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com", "mobile.x.com");

    StatusLink {
        Ids.requireNumeric(id, "status link id");
    }

    /** The link's user and tweet id, or empty when {@code url} is not a link to a tweet. */
    static Optional<StatusLink> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String host = uri.getHost();
        String path = uri.getPath();
        if (host == null || path == null || !HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String[] parts = path.split("/");
        // "/user/status/id[/...]" splits into "", user, status, id, ...
        if (parts.length < 4 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        if (!parts[2].equals("status") && !parts[2].equals("statuses")) {
            return Optional.empty();
        }
        if (!Ids.isNumeric(parts[3])) {
            return Optional.empty();
        }
        return Optional.of(new StatusLink(parts[1], parts[3]));
    }
}
