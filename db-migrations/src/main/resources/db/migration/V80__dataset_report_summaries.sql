-- What the pipeline's stages left in a dataset, for the dataset report (RAM's Table 5) and the dashboard: written
-- by the ingest, parse, generate and clean jobs when they finish (one set-based pass over the dataset), read by
-- every page view instead of scanning tag_assignment (10^8 rows at paper scale). Counts are image–tag pairs: a tag
-- parsed from five captions of an image is one pair, as in RAM's union_label_id.
CREATE TABLE dataset_summary (
    dataset_id         int PRIMARY KEY REFERENCES dataset (id) ON DELETE CASCADE,
    images             bigint      NOT NULL,
    captions_original  bigint      NOT NULL,
    captions_generated bigint      NOT NULL,
    assignments        bigint      NOT NULL,
    computed_at        timestamptz NOT NULL DEFAULT now(),
    computed_by        text        NOT NULL
);

-- Per tag: pairs by the sources that back them, cumulative in the order of the paper's stages.
CREATE TABLE dataset_tag_summary (
    dataset_id      int    NOT NULL REFERENCES dataset_summary (dataset_id) ON DELETE CASCADE,
    tag_id          int    NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    parsed_original bigint NOT NULL, -- a PARSED_ORIGINAL row
    with_model      bigint NOT NULL, -- ... or a MODEL row
    pairs           bigint NOT NULL, -- every pair (PARSED_GENERATED and MANUAL rows too)
    PRIMARY KEY (dataset_id, tag_id)
);

-- Per tag and flag rule (code_name flag_rule): pairs cleaning flagged, whatever review decided since. A pair's
-- rule is the lowest flag_rule of its rows.
CREATE TABLE dataset_flag_summary (
    dataset_id int      NOT NULL REFERENCES dataset_summary (dataset_id) ON DELETE CASCADE,
    tag_id     int      NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    flag_rule  smallint NOT NULL CHECK (flag_rule BETWEEN 0 AND 2),
    pairs      bigint   NOT NULL,
    PRIMARY KEY (dataset_id, tag_id, flag_rule)
);
