package org.chancery.record;

/**
 * Where a tweet was tagged: a named place and/or exact coordinates.
 *
 * @param id          the platform's place id; null when only coordinates are known
 * @param fullName    e.g. "Manhattan, NY"; null when unknown
 * @param countryCode ISO 3166-1 alpha-2; null when unknown
 * @param longitude   exact point, null when the tweet has none
 * @param latitude    exact point, null when the tweet has none
 */
public record Place(String id, String fullName, String countryCode, Double longitude, Double latitude) {}
