package io.tagforge.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Grounding-DINO's raw outputs for one prompt → detections, as HF's
 * {@code GroundingDinoProcessor.post_process_grounded_object_detection} does: the sigmoid of each query's
 * logits over the prompt's tokens; a query is kept when its best token is above the box threshold; its box,
 * normalized (cx, cy, w, h), becomes x1, y1, x2, y2 clamped to [0, 1], and a box of no area is dropped.
 *
 * <p>Where HF names a box by decoding every token above the text threshold (which can run phrases together,
 * "dog couch"), a query here answers one phrase: the one whose tokens hold the most probable token above the
 * text threshold (then the one with more such tokens, then the first), scored by that token. [CLS], the '.'
 * separators and [SEP] belong to no phrase, so they can keep a query but never name it: a query with no phrase
 * token above the text threshold is dropped.
 */
final class GroundingOutputs {

    private GroundingOutputs() {
    }

    /**
     * Detections of run {@code run} of a batch: {@code logits} [B, queries, width] pre-sigmoid, {@code boxes}
     * [B, queries, 4]. Thresholds are exclusive, as in HF.
     */
    static List<Detection> decode(GroundingPrompt prompt, float[] logits, float[] boxes, int run, int queries,
            int width, float boxThreshold, float textThreshold) {
        List<Detection> found = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int row = (run * queries + q) * width;
            float best = 0;
            for (int t = 0; t < prompt.length(); t++) {
                best = Math.max(best, sigmoid(logits[row + t]));
            }
            if (!(best > boxThreshold)) {
                continue;
            }
            int phrase = -1;
            float score = 0;
            int count = 0;
            for (int p = 0; p < prompt.phrases().size(); p++) {
                float max = 0;
                int above = 0;
                for (int t = prompt.starts()[p]; t < prompt.ends()[p]; t++) {
                    float probability = sigmoid(logits[row + t]);
                    if (probability > textThreshold) {
                        above++;
                        max = Math.max(max, probability);
                    }
                }
                if (above > 0 && (max > score || max == score && above > count)) {
                    phrase = p;
                    score = max;
                    count = above;
                }
            }
            int box = (run * queries + q) * 4;
            float cx = boxes[box];
            float cy = boxes[box + 1];
            float w = boxes[box + 2];
            float h = boxes[box + 3];
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

    static float sigmoid(float logit) {
        return (float) (1 / (1 + Math.exp(-logit)));
    }
}
