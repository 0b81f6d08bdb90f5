-- Tagforge core schema: the data model of DESIGN.md.
-- Small enumerations are smallint codes with a CHECK (tag_assignment holds 10^8 rows, every byte counts);
-- the *_code tables name the codes for people reading SQL. Codes never change meaning once released.

CREATE TABLE code_name (
    domain text     NOT NULL,
    code   smallint NOT NULL,
    name   text     NOT NULL,
    PRIMARY KEY (domain, code),
    UNIQUE (domain, name)
);
INSERT INTO code_name (domain, code, name) VALUES
    ('tag_kind', 0, 'OBJECT_SCENE'), ('tag_kind', 1, 'ATTRIBUTE'), ('tag_kind', 2, 'ACTION'),
    ('name_source', 0, 'PRIMARY'), ('name_source', 1, 'WORDNET'), ('name_source', 2, 'MANUAL'), ('name_source', 3, 'IMPORT'),
    ('caption_origin', 0, 'ORIGINAL'), ('caption_origin', 1, 'GENERATED'),
    ('assignment_source', 0, 'PARSED_ORIGINAL'), ('assignment_source', 1, 'PARSED_GENERATED'),
    ('assignment_source', 2, 'MODEL'), ('assignment_source', 3, 'MANUAL'),
    ('assignment_state', 0, 'ACTIVE'), ('assignment_state', 1, 'FLAGGED'),
    ('assignment_state', 2, 'ACCEPTED'), ('assignment_state', 3, 'REJECTED'),
    ('flag_rule', 0, 'OUTLIER_REGION'), ('flag_rule', 1, 'NO_REGION'), ('flag_rule', 2, 'LOW_SCORE');

-- ---------------------------------------------------------------- users

CREATE TABLE app_user (
    id            serial PRIMARY KEY,
    username      text        NOT NULL UNIQUE CHECK (username ~ '^[A-Za-z0-9_.@-]{1,64}$'),
    password_hash text        NOT NULL,
    enabled       boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
    user_id int  NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    text NOT NULL CHECK (role IN ('ANNOTATOR', 'CURATOR', 'ADMIN')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    action      text        NOT NULL,
    entity_type text        NOT NULL,
    entity_id   text,
    before      jsonb,
    after       jsonb,
    undone_by   bigint REFERENCES audit_log (id)
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, id);

-- ---------------------------------------------------------------- label system

CREATE TABLE tag (
    id          serial PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name !~ '[\t\r\n]'),
    kind        smallint    NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 2),
    threshold   real        NOT NULL DEFAULT 0.68 CHECK (threshold >= 0 AND threshold <= 1),
    description text,
    deprecated  boolean     NOT NULL DEFAULT false,
    merged_into int REFERENCES tag (id),
    version     int         NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (merged_into IS NULL OR merged_into <> id)
);
-- one live tag per name and kind (Tag2Text repeats names across kinds)
CREATE UNIQUE INDEX tag_live_name ON tag (lower(name), kind) WHERE NOT deprecated;

CREATE TABLE tag_name (
    id       serial PRIMARY KEY,
    tag_id   int      NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    form     text     NOT NULL CHECK (length(form) BETWEEN 1 AND 200 AND form !~ '[\t\r\n]'),
    language text     NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)?$'),
    source   smallint NOT NULL CHECK (source BETWEEN 0 AND 3),
    UNIQUE (tag_id, form, language)
);
CREATE INDEX tag_name_form ON tag_name (lower(form), language);

CREATE TABLE synonym_proposal (
    id         serial PRIMARY KEY,
    target_tag int         NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
    source_tag int REFERENCES tag (id) ON DELETE CASCADE,
    form       text,
    evidence   jsonb       NOT NULL,
    confidence real        NOT NULL DEFAULT 0 CHECK (confidence >= 0 AND confidence <= 1),
    state      text        NOT NULL DEFAULT 'PROPOSED' CHECK (state IN ('PROPOSED', 'ACCEPTED', 'REJECTED')),
    decided_by text,
    decided_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- a proposal merges a whole tag or adds one surface form, never both or neither
    CHECK ((source_tag IS NULL) <> (form IS NULL))
);
CREATE INDEX synonym_proposal_open ON synonym_proposal (state, id);

-- A release is frozen: the names, translations and thresholds are copied so that renaming a tag later
-- never changes what a training file's IDs meant.
CREATE TABLE release (
    id         serial PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,100}$'),
    parent_id  int REFERENCES release (id),
    created_by text        NOT NULL DEFAULT 'system',
    created_at timestamptz NOT NULL DEFAULT now(),
    notes      text
);

CREATE TABLE release_tag (
    release_id int  NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    idx        int  NOT NULL CHECK (idx >= 0),
    tag_id     int  NOT NULL REFERENCES tag (id),
    name       text NOT NULL,
    name_zh    text,
    threshold  real NOT NULL,
    PRIMARY KEY (release_id, idx),
    UNIQUE (release_id, tag_id)
);

-- ---------------------------------------------------------------- datasets

CREATE TABLE dataset (
    id         serial PRIMARY KEY,
    name       text        NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_.-]{1,100}$'),
    image_root text,
    format     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE image (
    id          bigserial PRIMARY KEY,
    dataset_id  int    NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    path        text   NOT NULL CHECK (length(path) BETWEEN 1 AND 2048),
    external_id text,
    width       int CHECK (width > 0),
    height      int CHECK (height > 0),
    bytes       bigint CHECK (bytes >= 0),
    sha256      bytea CHECK (sha256 IS NULL OR length(sha256) = 32),
    missing     boolean NOT NULL DEFAULT false,
    UNIQUE (dataset_id, path)
);

CREATE TABLE caption (
    id       bigserial PRIMARY KEY,
    image_id bigint   NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    origin   smallint NOT NULL CHECK (origin BETWEEN 0 AND 1),
    model    text,
    text     text     NOT NULL CHECK (length(text) <= 100000),
    CHECK ((origin = 1) = (model IS NOT NULL))
);
-- the same caption text twice for one image adds nothing: ingest reruns rely on it
CREATE UNIQUE INDEX caption_unique_text ON caption (image_id, origin, md5(text));

-- ---------------------------------------------------------------- tag assignments (the big table)

CREATE TABLE tag_assignment (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    image_id   bigint   NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    dataset_id int      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    tag_id     int      NOT NULL REFERENCES tag (id),
    caption_id bigint REFERENCES caption (id) ON DELETE CASCADE,
    source     smallint NOT NULL CHECK (source BETWEEN 0 AND 3),
    state      smallint NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
    flag_rule  smallint CHECK (flag_rule BETWEEN 0 AND 2),
    score      real CHECK (score >= 0 AND score <= 1),
    CHECK ((source IN (0, 1)) = (caption_id IS NOT NULL)),
    CHECK ((state = 1) <= (flag_rule IS NOT NULL))
);
-- idempotent writes (ON CONFLICT DO NOTHING) and export's scan by image
CREATE UNIQUE INDEX tag_assignment_identity
    ON tag_assignment (image_id, tag_id, source, coalesce(caption_id, 0));
-- the review queue: flagged assignments by dataset and tag
CREATE INDEX tag_assignment_flagged
    ON tag_assignment (dataset_id, tag_id, id) WHERE state = 1;
CREATE INDEX tag_assignment_tag ON tag_assignment (tag_id);

-- evidence is wide and rare: kept apart so tag_assignment rows stay narrow
CREATE TABLE flag_evidence (
    assignment_id bigint PRIMARY KEY REFERENCES tag_assignment (id) ON DELETE CASCADE,
    evidence      jsonb  NOT NULL,
    job_id        bigint
);

CREATE TABLE region (
    id                 bigserial PRIMARY KEY,
    image_id           bigint NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    tag_id             int    NOT NULL REFERENCES tag (id),
    x1                 real   NOT NULL CHECK (x1 >= 0 AND x1 <= 1),
    y1                 real   NOT NULL CHECK (y1 >= 0 AND y1 <= 1),
    x2                 real   NOT NULL CHECK (x2 >= 0 AND x2 <= 1),
    y2                 real   NOT NULL CHECK (y2 >= 0 AND y2 <= 1),
    score              real   NOT NULL CHECK (score >= 0 AND score <= 1),
    source             text   NOT NULL,
    embedding_ref      text,
    cluster            int,
    distance           real,
    outlier_percentile real CHECK (outlier_percentile >= 0 AND outlier_percentile <= 100),
    CHECK (x1 <= x2 AND y1 <= y2)
);
CREATE INDEX region_image_tag ON region (image_id, tag_id);
CREATE INDEX region_tag_distance ON region (tag_id, distance);

-- ---------------------------------------------------------------- review

CREATE TABLE review (
    id            bigserial PRIMARY KEY,
    assignment_id bigint      NOT NULL REFERENCES tag_assignment (id) ON DELETE CASCADE,
    user_id       int         NOT NULL REFERENCES app_user (id),
    decision      smallint    NOT NULL CHECK (decision IN (2, 3)),
    previous_state smallint   NOT NULL CHECK (previous_state BETWEEN 0 AND 3),
    decided_at    timestamptz NOT NULL DEFAULT now(),
    undone_at     timestamptz
);
CREATE INDEX review_assignment ON review (assignment_id, id);
CREATE INDEX review_user ON review (user_id, id);

CREATE TABLE lease (
    assignment_id bigint PRIMARY KEY REFERENCES tag_assignment (id) ON DELETE CASCADE,
    user_id       int         NOT NULL REFERENCES app_user (id),
    until         timestamptz NOT NULL
);
CREATE INDEX lease_user ON lease (user_id);

-- ---------------------------------------------------------------- jobs and exports

CREATE TABLE job (
    id          bigserial PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,40}$'),
    params      jsonb       NOT NULL DEFAULT '{}',
    state       text        NOT NULL DEFAULT 'QUEUED'
        CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    progress    bigint      NOT NULL DEFAULT 0 CHECK (progress >= 0),
    total       bigint CHECK (total >= 0),
    counts      jsonb       NOT NULL DEFAULT '{}',
    checkpoint  jsonb,
    error       text,
    cancel_requested boolean NOT NULL DEFAULT false,
    created_by  text        NOT NULL DEFAULT 'cli',
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz,
    heartbeat_at timestamptz
);
CREATE INDEX job_recent ON job (id DESC);

CREATE TABLE job_log (
    id     bigserial PRIMARY KEY,
    job_id bigint      NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    at     timestamptz NOT NULL DEFAULT now(),
    level  text        NOT NULL CHECK (level IN ('INFO', 'WARN', 'ERROR')),
    message text       NOT NULL
);
CREATE INDEX job_log_job ON job_log (job_id, id);

CREATE TABLE export (
    id         bigserial PRIMARY KEY,
    dataset_id int         NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    release_id int         NOT NULL REFERENCES release (id),
    job_id     bigint REFERENCES job (id),
    format     text        NOT NULL CHECK (format IN ('ram-json', 'jsonl')),
    policy     jsonb       NOT NULL DEFAULT '{}',
    file       text        NOT NULL,
    manifest   jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
