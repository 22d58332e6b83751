package org.chancery.retention;

import java.util.List;

/**
 * What changed between two registry versions, by account id (sorted).
 *
 * @param added   accounts only in the newer version
 * @param removed accounts only in the older version
 * @param changed accounts in both whose entry differs (roles, handles, attributes, closure …)
 */
public record RegistryDiff(List<String> added, List<String> removed, List<String> changed) {
    public RegistryDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    @Override
    public String toString() {
        return added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed";
    }
}
