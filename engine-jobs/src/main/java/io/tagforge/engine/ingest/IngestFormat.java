package io.tagforge.engine.ingest;

/** The input formats {@code ./tagforge ingest} reads. */
public enum IngestFormat {
    COCO("coco", new CocoCaptions()),
    TSV("tsv", new TsvCaptions()),
    RAM_JSON("ram-json", new RamTrainingJson());

    private final String id;
    private final CaptionSource source;

    IngestFormat(String id, CaptionSource source) {
        this.id = id;
        this.source = source;
    }

    public String id() {
        return id;
    }

    CaptionSource source() {
        return source;
    }
}
