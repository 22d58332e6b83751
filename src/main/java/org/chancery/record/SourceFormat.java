package org.chancery.record;

import java.util.Locale;

/** The formats Chancery reads, named as on the command line ({@code --format}). */
public enum SourceFormat {
    /** X API v2 response JSON, or JSONL with one response per line (twarc2). */
    API_V2("api-v2"),
    /** API v1.1 status objects: JSON array, single object, or JSONL (twarc1, streaming). */
    API_V1("api-v1.1"),
    /** The account owner's "Download your archive" export (zip or folder). */
    TWITTER_ARCHIVE("twitter-archive"),
    /** congresstweets daily files. */
    CONGRESSTWEETS("congresstweets"),
    /** Social Feed Manager WARC harvests of API responses. */
    SFM_WARC("sfm-warc"),
    /** Live capture from the X API v2. */
    X_API_CAPTURE("x-api-capture");

    private final String cliName;

    SourceFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static SourceFormat fromCliName(String name) {
        for (SourceFormat f : values()) {
            if (f.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format \"" + name + "\"; expected one of api-v2, api-v1.1, twitter-archive, congresstweets, sfm-warc");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
