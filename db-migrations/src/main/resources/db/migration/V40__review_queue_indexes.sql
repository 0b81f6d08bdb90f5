-- The review queue pages flagged assignments in id order (keyset) by dataset, by tag, or over everything;
-- tag_assignment_flagged (dataset_id, tag_id, id) covers only the dataset-and-tag case. Flagged rows are a few
-- percent of the table, so these partial indexes stay small.
CREATE INDEX tag_assignment_flagged_by_id ON tag_assignment (id) WHERE state = 1;
CREATE INDEX tag_assignment_flagged_by_dataset ON tag_assignment (dataset_id, id) WHERE state = 1;
CREATE INDEX tag_assignment_flagged_by_tag ON tag_assignment (tag_id, id) WHERE state = 1;
-- "my last decision" for undo
CREATE INDEX review_user_open ON review (user_id, id DESC) WHERE undone_at IS NULL;
