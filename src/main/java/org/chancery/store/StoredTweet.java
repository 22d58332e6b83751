package org.chancery.store;

import org.chancery.record.RawPayload;
import org.chancery.record.Tweet;

/**
 * A tweet as the archive holds it: the normalized record, its exact raw bytes, and where they are.
 *
 * @param location where the raw payload lives in the OCFL root
 */
public record StoredTweet(Tweet tweet, RawPayload raw, StorageLocation location) {}
