/**
 * Media and linked documents of archived tweets: downloaded with a size cap and one deadline for the whole
 * answer, typed by Apache Tika
 * from the content (magic bytes), never from the URL's extension or the server's Content-Type, and kept in the
 * tweet's own OCFL object ({@link org.chancery.media.Attachments}) so that the inventory's SHA-512 digests and
 * {@code verify} cover them. Videos and GIFs take the highest bit-rate MP4 variant that fits the cap; documents
 * (PDF, HTML) are fetched only from allowed domains and their text, extracted by Tika, is kept beside them for
 * the search index. Redirects are never followed blindly: a link's redirect only to an allowed domain, a media
 * URL's only within its own host, five at most.
 *
 * <p>Invariants: each run adds one OCFL version per object that gained files (one more each time an object's
 * pending downloads pass 256 MB, which bounds memory), each holding its content files and one metadata
 * file ({@code attachments/<sha256>.jsonl}) that names them, so a file is never in the store without its
 * metadata; an attachment already listed in the object is not fetched again; a failed download is one line in
 * {@code DATA/media/failures.jsonl} (bookkeeping only), never stops the tweets or the other files, and is tried
 * again on the next run. Attachments are not entries of the Merkle log: the log's entries are tweet versions,
 * matched one to one with the store's tweet payloads by verification.
 */
package org.chancery.media;
