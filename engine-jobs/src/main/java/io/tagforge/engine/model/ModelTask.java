package io.tagforge.engine.model;

/** What a model folder's model.json says the model does (DESIGN.md, model contracts). */
public enum ModelTask {
    TAGGER, CAPTIONER, DETECTOR, EMBEDDER
}
