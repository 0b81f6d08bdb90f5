-- Cleaning job (engine): region features and idempotent region writes.

-- the same box of the same tag from the same source is one region: reruns and re-imports add nothing
CREATE UNIQUE INDEX region_identity ON region (image_id, tag_id, source, x1, y1, x2, y2);

-- a region's feature vector (float32 little-endian), apart from region so that region rows stay narrow
CREATE TABLE region_embedding (
    region_id bigint PRIMARY KEY REFERENCES region (id) ON DELETE CASCADE,
    model     text   NOT NULL,
    vector    bytea  NOT NULL CHECK (length(vector) % 4 = 0)
);
