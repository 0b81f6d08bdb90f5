-- A curator pins a surface to one WordNet noun sense (action 3 = PIN): WordNet links from the surface go only
-- through that sense ("mouse" as the device, "rack" as the frame). The sense is WordNet's sense key
-- (mouse%1:06:00::), stable across WordNet's files where a synset offset is not; a pin names no tag.
ALTER TABLE surface_mapping ADD COLUMN sense_key text;
ALTER TABLE surface_mapping DROP CONSTRAINT surface_mapping_action_check;
ALTER TABLE surface_mapping DROP CONSTRAINT surface_mapping_check;
ALTER TABLE surface_mapping ADD CONSTRAINT surface_mapping_action_check CHECK (action IN (1, 2, 3));
ALTER TABLE surface_mapping ADD CONSTRAINT surface_mapping_check CHECK (CASE action
    WHEN 1 THEN tag_name IS NOT NULL AND sense_key IS NULL
    WHEN 2 THEN sense_key IS NULL
    ELSE tag_name IS NULL AND sense_key IS NOT NULL END);
-- the unique index (surface, action, tag name) keeps one pin per surface

ALTER TABLE release_surface_mapping ADD COLUMN sense_key text;

INSERT INTO code_name (domain, code, name) VALUES
    ('mapping_action', 1, 'ADD'), ('mapping_action', 2, 'BLOCK'), ('mapping_action', 3, 'PIN');
