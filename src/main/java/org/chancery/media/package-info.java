/**
 * Media of captured tweets: downloaded with a size cap and a timeout, typed by Apache Tika from the content
 * (magic bytes), never from the URL's extension or the server's Content-Type, and kept content-addressed under
 * {@code DATA/media/}.
 *
 * <p>Invariants: a file is written and forced to disk before its line in {@code media.jsonl} is appended; a
 * failed download is one line in {@code failures.jsonl} and never stops the tweets or the other files; a media
 * item already fetched is not fetched again. Media files are not (yet) inside the tweet's OCFL object: that needs
 * a store contract for non-tweet payloads.
 */
package org.chancery.media;
