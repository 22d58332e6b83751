package org.chancery.capture;

/**
 * Parses one in-memory JSON payload (a file's content, a JSONL line, an HTTP response body) of a known
 * format. Line-oriented importers and the WARC importer share these.
 */
public interface PayloadReader {
    /**
     * @param bytes  the buffer holding the payload
     * @param offset first byte of the payload
     * @param length its length in bytes
     * @param origin provenance shared by the tweets of this payload
     */
    void read(byte[] bytes, int offset, int length, Origin origin, CaptureSink sink);
}
