-- Whether a detector can box the tag (an object, an animal, food, a plant, a person, a body part, a natural
-- object) rather than an attribute, an action, an abstraction or a scene: cleaning takes only detectable tags
-- by default, as the RAM paper cleaned object categories. NULL until proposed from WordNet or set by a curator.
ALTER TABLE tag ADD COLUMN detectable boolean;

-- frozen with the release, exported beside RAM's tag lists
ALTER TABLE release_tag ADD COLUMN detectable boolean;
