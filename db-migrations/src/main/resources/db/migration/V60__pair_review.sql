-- Review at the level of the image–tag pair: what a person decides and what a trainer receives (RAM's
-- union_label_id). A pair is here once it was flagged; a pair that is not here is ACTIVE. Every assignment
-- row of a pair carries the pair's state: cleaning, decisions and undo set them together, and jobs that add
-- rows give new rows the state of their pair, so a decision also settles the rows a later run adds.
CREATE TABLE tag_pair (
    id         bigserial PRIMARY KEY,
    dataset_id int      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    image_id   bigint   NOT NULL REFERENCES image (id) ON DELETE CASCADE,
    tag_id     int      NOT NULL REFERENCES tag (id),
    state      smallint NOT NULL CHECK (state BETWEEN 1 AND 3),
    flag_rule  smallint NOT NULL CHECK (flag_rule BETWEEN 0 AND 2),
    -- flagged again after a person accepted it (clean --recheck)
    rechecked  boolean  NOT NULL DEFAULT false,
    -- the best region's outlier percentile and the model or region score, for "most doubtful first"
    percentile real,
    score      real,
    bulk_id    bigint,
    UNIQUE (image_id, tag_id)
);
-- the queue: flagged pairs of a dataset in id order, by tag and rule, by percentile (highest first), by score
CREATE INDEX tag_pair_flagged ON tag_pair (dataset_id, id) WHERE state = 1;
CREATE INDEX tag_pair_flagged_by_tag ON tag_pair (dataset_id, tag_id, flag_rule, id) WHERE state = 1;
CREATE INDEX tag_pair_flagged_by_percentile ON tag_pair (dataset_id, (-coalesce(percentile, -1)), id) WHERE state = 1;
CREATE INDEX tag_pair_flagged_by_score ON tag_pair (dataset_id, (coalesce(score, 2)), id) WHERE state = 1;
CREATE INDEX tag_pair_flagged_all ON tag_pair (id) WHERE state = 1;
-- per (tag, rule) statistics
CREATE INDEX tag_pair_stats ON tag_pair (dataset_id, tag_id, flag_rule, state);

-- "reject the remaining 4,210 OUTLIER_REGION flags of 'kite'": one decision over many pairs, with the sample
-- estimate it rests on (evidence), undone as one step
CREATE TABLE bulk_decision (
    id         bigserial PRIMARY KEY,
    dataset_id int         NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    tag_id     int         NOT NULL REFERENCES tag (id),
    flag_rule  smallint    NOT NULL CHECK (flag_rule BETWEEN 0 AND 2),
    decision   smallint    NOT NULL CHECK (decision IN (2, 3)),
    user_id    int         NOT NULL REFERENCES app_user (id),
    pairs      int         NOT NULL,
    evidence   jsonb       NOT NULL,
    decided_at timestamptz NOT NULL DEFAULT now(),
    undone_at  timestamptz
);
ALTER TABLE tag_pair ADD FOREIGN KEY (bulk_id) REFERENCES bulk_decision (id);

CREATE TABLE pair_decision (
    id             bigserial PRIMARY KEY,
    pair_id        bigint      NOT NULL REFERENCES tag_pair (id) ON DELETE CASCADE,
    user_id        int         NOT NULL REFERENCES app_user (id),
    decision       smallint    NOT NULL CHECK (decision IN (2, 3)),
    previous_state smallint    NOT NULL CHECK (previous_state BETWEEN 1 AND 3),
    bulk_id        bigint REFERENCES bulk_decision (id) ON DELETE CASCADE,
    decided_at     timestamptz NOT NULL DEFAULT now(),
    undone_at      timestamptz
);
CREATE INDEX pair_decision_pair ON pair_decision (pair_id, id);
CREATE INDEX pair_decision_bulk ON pair_decision (bulk_id) WHERE bulk_id IS NOT NULL;
-- "my last decision" for undo
CREATE INDEX pair_decision_user_open ON pair_decision (user_id, id DESC) WHERE undone_at IS NULL AND bulk_id IS NULL;

CREATE TABLE pair_lease (
    pair_id bigint PRIMARY KEY REFERENCES tag_pair (id) ON DELETE CASCADE,
    user_id int         NOT NULL REFERENCES app_user (id),
    until   timestamptz NOT NULL
);
CREATE INDEX pair_lease_user ON pair_lease (user_id);

-- existing flags and decisions become pairs: a rejected row rejects its pair, else an accepted one accepts it
INSERT INTO tag_pair (dataset_id, image_id, tag_id, state, flag_rule, percentile, score)
SELECT a.dataset_id, a.image_id, a.tag_id,
       CASE WHEN bool_or(a.state = 3) THEN 3 WHEN bool_or(a.state = 2) THEN 2 ELSE 1 END,
       coalesce(min(a.flag_rule), 0),
       max((fe.evidence ->> 'distance_percentile')::real), max(a.score)
  FROM tag_assignment a LEFT JOIN flag_evidence fe ON fe.assignment_id = a.id
 WHERE a.state <> 0
 GROUP BY a.dataset_id, a.image_id, a.tag_id;
UPDATE tag_assignment a SET state = p.state, flag_rule = p.flag_rule
  FROM tag_pair p
 WHERE a.image_id = p.image_id AND a.tag_id = p.tag_id AND (a.state <> p.state OR a.flag_rule IS DISTINCT FROM p.flag_rule);
INSERT INTO pair_decision (pair_id, user_id, decision, previous_state, decided_at, undone_at)
SELECT p.id, r.user_id, r.decision, greatest(r.previous_state, 1), r.decided_at, r.undone_at
  FROM review r JOIN tag_assignment a ON a.id = r.assignment_id
  JOIN tag_pair p ON p.image_id = a.image_id AND p.tag_id = a.tag_id
 ORDER BY r.id;
-- row leases and row reviews are replaced by the pair tables above
DROP TABLE lease;
