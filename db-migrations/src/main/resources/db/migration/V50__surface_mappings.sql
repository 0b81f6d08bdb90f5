-- Curated surface mappings: what a caption's word means over WordNet's reading. action 1 = ADD (the surface
-- stands for tag_name), 2 = BLOCK (the surface never stands for tag_name; tag_name NULL: for no tag at all).
-- Tags are named, as RAM's lists name them, so that the seed holds before any tag is imported; a row whose tag
-- is not in the vocabulary is skipped. Seeded by V51 from db/seed/surface-mappings.tsv.
CREATE TABLE surface_mapping (
    id         bigserial PRIMARY KEY,
    surface    text        NOT NULL CHECK (surface = lower(surface) AND length(surface) BETWEEN 1 AND 200),
    action     smallint    NOT NULL CHECK (action IN (1, 2)),
    tag_name   text,
    note       text,
    created_by text        NOT NULL DEFAULT 'seed',
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (action = 2 OR tag_name IS NOT NULL)
);
-- one row per surface, action and tag; a block of every tag (no tag name) once
CREATE UNIQUE INDEX surface_mapping_once ON surface_mapping (surface, action, coalesce(tag_name, ''));

-- What the curator saw when deciding: every surface form that reached a tag in a dataset's parse, with the
-- rule, how many mentions and a few example captions (written by parse --dataset, replaced on each run).
CREATE TABLE surface_observation (
    dataset_id int      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    surface    text     NOT NULL,
    tag_id     int      NOT NULL REFERENCES tag (id),
    rule       text     NOT NULL,
    mentions   bigint   NOT NULL,
    examples   text[]   NOT NULL,
    PRIMARY KEY (dataset_id, surface, tag_id, rule)
);
CREATE INDEX surface_observation_by_count ON surface_observation (dataset_id, mentions DESC);

-- A release freezes the mappings its vocabulary was parsed with.
CREATE TABLE release_surface_mapping (
    release_id int      NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    surface    text     NOT NULL,
    action     smallint NOT NULL,
    tag_name   text
);
CREATE INDEX release_surface_mapping_release ON release_surface_mapping (release_id);
