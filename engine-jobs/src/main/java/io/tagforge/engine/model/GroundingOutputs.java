package io.tagforge.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Grounding-DINO's raw outputs for one prompt → detections, as Hugging Face's
 * {@code GroundingDinoProcessor.post_process_grounded_object_detection}: a query's score is the highest
 * sigmoid of its logits over all text positions, and it is kept when that score is above the box threshold;
 * its label comes from the text positions whose probability is above the text threshold, the first position
 * ([CLS]) and the last one never counting; its box, normalized (cx, cy, w, h), becomes x1, y1, x2, y2.
 *
 * <p>Where HF decodes those positions' tokens into one string (which runs phrases together, "dog couch", or
 * names a separator), a query here answers one phrase of the prompt, found by position: the phrase whose span
 * holds the most probable of those positions (then the one holding more of them, then the first). So phrases
 * that share tokens ("car", "red car") are told apart by where the token stands. A kept query none of whose
 * positions above the text threshold lies in a phrase (only '.' or [SEP] light up) names no tag and is dropped,
 * as is a box of no area after clamping to the image.
 */
final class GroundingOutputs {

    private GroundingOutputs() {
    }

    /**
     * Detections of run {@code run} of a batch: {@code logits} [B, queries, width] pre-sigmoid, {@code boxes}
     * [B, queries, 4]; box coordinates are multiplied by {@code scaleX}, {@code scaleY} (a padded canvas's
     * size over the image's) before clamping. Thresholds are exclusive, as in HF.
     */
    static List<Detection> decode(GroundingPrompt prompt, float[] logits, float[] boxes, int run, int queries,
            int width, float boxThreshold, float textThreshold, float scaleX, float scaleY) {
        List<Detection> found = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int row = (run * queries + q) * width;
            float score = 0;
            for (int t = 0; t < width; t++) {
                score = Math.max(score, sigmoid(logits[row + t]));
            }
            if (!(score > boxThreshold)) {
                continue;
            }
            int phrase = phraseOf(prompt, logits, row, width, textThreshold);
            int box = (run * queries + q) * 4;
            float cx = boxes[box] * scaleX;
            float cy = boxes[box + 1] * scaleY;
            float w = boxes[box + 2] * scaleX;
            float h = boxes[box + 3] * scaleY;
            float x1 = Detection.clamp(cx - w / 2);
            float y1 = Detection.clamp(cy - h / 2);
            float x2 = Detection.clamp(cx + w / 2);
            float y2 = Detection.clamp(cy + h / 2);
            if (phrase >= 0 && x2 > x1 && y2 > y1) {
                found.add(new Detection(prompt.phrases().get(phrase), x1, y1, x2, y2, score));
            }
        }
        return found;
    }

    /** The phrase a query names, -1 for none (see the class comment). */
    private static int phraseOf(GroundingPrompt prompt, float[] logits, int row, int width, float textThreshold) {
        int phrase = -1;
        float best = 0;
        int count = 0;
        for (int p = 0; p < prompt.phrases().size(); p++) {
            float max = 0;
            int above = 0;
            for (int t = Math.max(1, prompt.starts()[p]); t < Math.min(width - 1, prompt.ends()[p]); t++) {
                float probability = sigmoid(logits[row + t]);
                if (probability > textThreshold) {
                    above++;
                    max = Math.max(max, probability);
                }
            }
            if (above > 0 && (max > best || max == best && above > count)) {
                phrase = p;
                best = max;
                count = above;
            }
        }
        return phrase;
    }

    static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-logit)));
    }
}
