package io.tagforge.engine.generation;

import io.tagforge.engine.images.DatasetImages.ImageRow;
import io.tagforge.engine.model.Captioner;
import io.tagforge.engine.model.PreparedImage;
import io.tagforge.engine.model.Tagger;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.engine.release.ReleaseTags;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.parser.caption.ParsedCaption;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the generation stage makes of a batch of images with a run's models: the tagger's tags at or above their
 * release thresholds, and with a captioner its captions, parsed into tags when there is a parser. The local job
 * runs it per batch and commits each batch; a Spark task runs it over its batches and commits them together.
 */
public final class BatchGeneration {

    /** What one image gives the models: prepared for the tagger and, with one, for the captioner. */
    public record Inputs(PreparedImage tagger, PreparedImage captioner) {
    }

    private final int datasetId;
    private final ReleaseTags release;
    private final Tagger tagger;
    private final Captioner captioner;
    private final Function<List<String>, List<ParsedCaption>> parser;

    /**
     * @param captioner null: tags only
     * @param parser    parses generated captions with the database's vocabulary; null: they are stored unparsed
     */
    public BatchGeneration(int datasetId, ReleaseTags release, Tagger tagger, Captioner captioner,
            Function<List<String>, List<ParsedCaption>> parser) {
        release.requireOutputs(tagger.classCount(), tagger.spec().folder());
        this.datasetId = datasetId;
        this.release = release;
        this.tagger = tagger;
        this.captioner = captioner;
        this.parser = captioner == null ? null : parser;
    }

    /** An image resized and normalized for the models: the part that can run on other threads. */
    public Inputs prepare(BufferedImage image) {
        return new Inputs(tagger.preprocessing().prepare(image),
                captioner == null ? null : captioner.preprocessing().prepare(image));
    }

    /** Empty rows of this run's dataset and captioner, to {@link #generate} into. */
    public GeneratedRows rows() {
        return new GeneratedRows(datasetId, captioner == null ? null : captioner.spec().name());
    }

    /**
     * Runs the models on the batch's prepared images and adds their rows to {@code rows}; an image whose
     * preparation failed is counted unreadable, with why in {@link GeneratedRows#skipped()}.
     */
    public void generate(List<Outcome<ImageRow, Inputs>> batch, GeneratedRows rows) {
        List<ImageRow> readable = new ArrayList<>();
        List<Inputs> inputs = new ArrayList<>();
        for (Outcome<ImageRow, Inputs> outcome : batch) {
            if (outcome.error() == null) {
                readable.add(outcome.row());
                inputs.add(outcome.value());
            } else {
                rows.skip(outcome.row(), outcome.error());
            }
        }
        List<float[]> probabilities = inputs.isEmpty() ? List.of()
                : tagger.predictPrepared(inputs.stream().map(Inputs::tagger).toList());
        for (int i = 0; i < readable.size(); i++) {
            float[] p = probabilities.get(i);
            for (int idx = 0; idx < p.length; idx++) {
                if (p[idx] >= release.thresholds()[idx]) {
                    rows.modelTag(readable.get(i).id(), release.tagIds()[idx], p[idx]);
                }
            }
        }
        if (captioner != null && !inputs.isEmpty()) {
            List<String> texts = captioner.captionPrepared(inputs.stream().map(Inputs::captioner).toList());
            List<ParsedCaption> parsed = parser == null ? null : parser.apply(texts);
            for (int i = 0; i < readable.size(); i++) {
                rows.caption(readable.get(i).id(), texts.get(i),
                        parsed == null ? List.of() : parsed.get(i).tags().stream().map(TagMatch::tagId).toList());
            }
        }
        rows.readable(readable.size());
    }
}
