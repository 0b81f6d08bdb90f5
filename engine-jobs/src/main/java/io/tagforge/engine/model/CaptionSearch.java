package io.tagforge.engine.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Greedy and beam search over a decoder's next-token logits, as Hugging Face's {@code generate} does for BLIP
 * with its defaults (no sampling, length penalty 1): lengths count every token of the decoder input, BOS and
 * prompt included; before {@code minLength} the end token is banned; a repetition penalty other than 1
 * divides the positive (multiplies the negative) logits of tokens already in the sequence. Beam search keeps
 * the {@code beams} best running sequences by summed log-probability; a sequence ending among the best
 * {@code beams} candidates of a step becomes a finished hypothesis scored by its summed log-probability over
 * its length (end token not counted); the search stops when {@code beams} hypotheses are finished and no
 * running beam could beat the worst of them, or at {@code maxLength}, where running beams count as finished.
 *
 * <p>All images step together: one decoder call per step takes every running sequence of every image.
 */
record CaptionSearch(int beams, int maxLength, int minLength, float repetitionPenalty, long endToken) {

    /**
     * For each image (by index), the best sequence found from {@code start} (BOS and prompt), end token not
     * included. {@code decoder} maps sequences of one length, each with the index of its image, to their
     * next-token logits.
     */
    List<long[]> search(int images, long[] start, Function<List<Sequence>, List<float[]>> decoder) {
        return beams <= 1 ? greedy(images, start, decoder) : beam(images, start, decoder);
    }

    /** A running sequence and the image it describes. */
    record Sequence(int image, long[] ids) {
    }

    private List<long[]> greedy(int images, long[] start, Function<List<Sequence>, List<float[]>> decoder) {
        List<long[]> result = new ArrayList<>();
        List<Sequence> running = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            result.add(null);
            running.add(new Sequence(i, start));
        }
        for (int length = start.length; length < maxLength && !running.isEmpty(); length++) {
            List<float[]> logits = decoder.apply(running);
            List<Sequence> next = new ArrayList<>();
            for (int s = 0; s < running.size(); s++) {
                Sequence sequence = running.get(s);
                float[] scores = process(logits.get(s), sequence.ids());
                int token = argmax(scores);
                if (token == endToken) {
                    result.set(sequence.image(), sequence.ids());
                } else {
                    next.add(new Sequence(sequence.image(), append(sequence.ids(), token)));
                }
            }
            running = next;
        }
        running.forEach(s -> result.set(s.image(), s.ids()));
        return result;
    }

    private List<long[]> beam(int images, long[] start, Function<List<Sequence>, List<float[]>> decoder) {
        List<Beams> searches = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            searches.add(new Beams(i, start));
        }
        for (int length = start.length; length < maxLength; length++) {
            List<Sequence> running = new ArrayList<>();
            for (Beams search : searches) {
                if (!search.done) {
                    search.running.forEach(ids -> running.add(new Sequence(search.image, ids)));
                }
            }
            if (running.isEmpty()) {
                break;
            }
            List<float[]> logits = decoder.apply(running);
            int at = 0;
            for (Beams search : searches) {
                if (!search.done) {
                    int count = search.running.size();
                    search.step(logits.subList(at, at + count), length);
                    at += count;
                }
            }
        }
        return searches.stream().map(Beams::best).toList();
    }

    /** One image's beams and finished hypotheses. */
    private final class Beams {
        final int image;
        List<long[]> running = new ArrayList<>();
        double[] scores;
        final List<long[]> finished = new ArrayList<>();
        final List<Double> finishedScores = new ArrayList<>();
        boolean done;

        Beams(int image, long[] start) {
            this.image = image;
            running.add(start); // one beam at first: HF's other initial beams score -1e9 and never survive
            scores = new double[] {0};
        }

        void step(List<float[]> logits, int length) {
            int vocabulary = logits.get(0).length;
            int candidates = 2 * beams;
            // the best 2 × beams (beam, token) pairs by running score + log-probability, best first
            int[] beamOf = new int[candidates];
            int[] tokenOf = new int[candidates];
            double[] scoreOf = new double[candidates];
            Arrays.fill(scoreOf, Double.NEGATIVE_INFINITY);
            Arrays.fill(beamOf, -1);
            for (int b = 0; b < running.size(); b++) {
                float[] processed = process(logits.get(b), running.get(b));
                double[] logProbabilities = logSoftmax(processed);
                for (int t = 0; t < vocabulary; t++) {
                    double score = scores[b] + logProbabilities[t];
                    if (score > scoreOf[candidates - 1]) {
                        int at = candidates - 1;
                        while (at > 0 && score > scoreOf[at - 1]) {
                            scoreOf[at] = scoreOf[at - 1];
                            beamOf[at] = beamOf[at - 1];
                            tokenOf[at] = tokenOf[at - 1];
                            at--;
                        }
                        scoreOf[at] = score;
                        beamOf[at] = b;
                        tokenOf[at] = t;
                    }
                }
            }
            List<long[]> next = new ArrayList<>();
            double[] nextScores = new double[beams];
            for (int rank = 0; rank < candidates && next.size() < beams; rank++) {
                if (beamOf[rank] < 0) {
                    break;
                }
                long[] ids = running.get(beamOf[rank]);
                if (tokenOf[rank] == endToken) {
                    if (rank < beams) {
                        add(ids, scoreOf[rank]);
                    }
                } else {
                    nextScores[next.size()] = scoreOf[rank];
                    next.add(append(ids, tokenOf[rank]));
                }
            }
            running = next;
            scores = Arrays.copyOf(nextScores, next.size());
            double bestRunning = Arrays.stream(scores).max().orElse(Double.NEGATIVE_INFINITY);
            done = running.isEmpty() || finished.size() >= beams && worst() >= bestRunning / length;
        }

        void add(long[] ids, double sumLogProbability) {
            double score = sumLogProbability / ids.length;
            if (finished.size() < beams || score > worst()) {
                finished.add(ids);
                finishedScores.add(score);
                if (finished.size() > beams) {
                    int worst = finishedScores.indexOf(worst());
                    finished.remove(worst);
                    finishedScores.remove(worst);
                }
            }
        }

        double worst() {
            return finishedScores.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NEGATIVE_INFINITY);
        }

        long[] best() {
            if (!done) {
                for (int b = 0; b < running.size(); b++) {
                    add(running.get(b), scores[b]);
                }
            }
            int best = 0;
            for (int i = 1; i < finished.size(); i++) {
                if (finishedScores.get(i) > finishedScores.get(best)) {
                    best = i;
                }
            }
            return finished.get(best);
        }
    }

    /** Logits after the minimum length and the repetition penalty. */
    private float[] process(float[] logits, long[] ids) {
        float[] scores = logits.clone();
        if (repetitionPenalty != 1f) {
            for (long id : ids) {
                int t = (int) id;
                scores[t] = logits[t] < 0 ? logits[t] * repetitionPenalty : logits[t] / repetitionPenalty;
            }
        }
        if (ids.length < minLength) {
            scores[(int) endToken] = Float.NEGATIVE_INFINITY;
        }
        return scores;
    }

    private static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : logits) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        double[] result = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            result[i] = logits[i] - log;
        }
        return result;
    }

    private static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long[] append(long[] ids, long token) {
        long[] next = Arrays.copyOf(ids, ids.length + 1);
        next[ids.length] = token;
        return next;
    }
}
