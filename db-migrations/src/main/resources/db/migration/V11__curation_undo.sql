-- Rows a curation operation moved or removed in bulk (merging a tag moves all its assignments: 10^6 of them
-- at paper scale), kept beside the operation's audit_log entry so that undoing it can put them back.
-- kind: moved_assignment, dropped_assignment, dropped_flag_evidence, dropped_review, moved_region, moved_name.
CREATE TABLE curation_undo_row (
    audit_id bigint NOT NULL REFERENCES audit_log (id) ON DELETE CASCADE,
    kind     text   NOT NULL,
    row_id   bigint NOT NULL,
    row      jsonb,
    PRIMARY KEY (audit_id, kind, row_id)
);
