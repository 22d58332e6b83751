package org.chancery.archive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;
import org.chancery.retention.MatchRule;
import org.chancery.retention.Policy;
import org.chancery.retention.PolicySet;

/**
 * A digest of what in a policy set decides access (which rule applies, the access level and embargo), recorded
 * with the search index's commits so that a changed policy set is noticed and the index's access facts rebuilt.
 * Sets are written sorted, so the digest does not depend on iteration order.
 */
final class AccessDigest {
    private AccessDigest() {}

    static String of(PolicySet policies) {
        StringBuilder b = new StringBuilder();
        for (Policy p : policies.policies()) {
            b.append("policy ").append(p.id()).append(' ').append(p.version()).append(' ').append(p.priority())
                    .append(' ').append(p.access()).append(' ').append(p.embargo()).append('\n');
            for (MatchRule r : p.rules()) {
                b.append(" rule ").append(r.id()).append(sorted(r.roles())).append(sorted(r.classes()))
                        .append(sorted(r.accountTypes())).append(sorted(r.accountIds())).append(sorted(r.handles()))
                        .append(sorted(r.hashtags())).append(' ').append(r.query()).append('\n');
            }
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String sorted(Collection<?> values) {
        TreeSet<String> s = new TreeSet<>();
        values.forEach(v -> s.add(String.valueOf(v)));
        return s.toString();
    }
}
