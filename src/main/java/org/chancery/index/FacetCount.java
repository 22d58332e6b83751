package org.chancery.index;

import java.util.Objects;

/** How many matching tweets have one value of a facet. */
public record FacetCount(String value, long count) {
    public FacetCount {
        Objects.requireNonNull(value, "facet value");
        if (count < 1) {
            throw new IllegalArgumentException("facet count must be positive, got " + count + " for " + value);
        }
    }
}
