package org.chancery.store;

/**
 * Where a stored payload lives.
 *
 * @param objectId    OCFL object id, e.g. {@code urn:chancery:account:16056306:2017-07}
 * @param version     OCFL version, e.g. {@code v3}
 * @param logicalPath path of the batch file within the object's logical state
 * @param offset      byte offset of the payload within that file
 * @param length      byte length of the payload
 */
public record StorageLocation(String objectId, String version, String logicalPath, long offset, long length) {}
