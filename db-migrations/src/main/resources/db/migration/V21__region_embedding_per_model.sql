-- A region may carry features of several embedders (one cleaning run per embedder model).
ALTER TABLE region_embedding DROP CONSTRAINT region_embedding_pkey;
ALTER TABLE region_embedding ADD PRIMARY KEY (region_id, model);
