package io.tagforge.parser.audit;

import io.tagforge.parser.caption.Mention;
import io.tagforge.parser.caption.ParsedCaption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A uniform sample of the tags a parse emits, drawn in one pass (reservoir sampling, seeded), as gold rows to
 * judge: every emitted tag of every caption has the same chance.
 */
public final class AuditSample {

    private final int size;
    private final String corpus;
    private final Random random;
    private final List<GoldRow> reservoir = new ArrayList<>();
    private long seen;

    public AuditSample(int size, String corpus, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + size);
        }
        this.size = size;
        this.corpus = corpus;
        this.random = new Random(seed);
    }

    /** Offers the tags of one parsed caption. */
    public void offer(String imageId, String caption, ParsedCaption parsed) {
        for (Mention m : parsed.mentions()) {
            if (!m.isTag()) {
                continue;
            }
            seen++;
            int slot = seen <= size ? reservoir.size() : (int) Math.min(Integer.MAX_VALUE, random.nextLong(seen));
            if (slot < size) {
                GoldRow row = new GoldRow(0, "dev", GoldRow.UNIFORM, corpus, imageId, GoldFile.oneLine(caption),
                        m.start(), m.end(), m.surface(), m.lemma(), m.kind().name(), m.tag().tagName(),
                        m.tag().rule().name(), null, List.of(), "");
                if (slot == reservoir.size()) {
                    reservoir.add(row);
                } else {
                    reservoir.set(slot, row);
                }
            }
        }
    }

    /** How many tags were offered. */
    public long seen() {
        return seen;
    }

    /** The sample in random order, numbered from 1. */
    public List<GoldRow> rows() {
        List<GoldRow> shuffled = new ArrayList<>(reservoir);
        Collections.shuffle(shuffled, random);
        List<GoldRow> numbered = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            GoldRow r = shuffled.get(i);
            numbered.add(new GoldRow(i + 1, r.split(), r.stratum(), r.corpus(), r.imageId(), r.caption(), r.start(),
                    r.end(), r.surface(), r.lemma(), r.kind(), r.tag(), r.rule(), null, List.of(), ""));
        }
        return numbered;
    }
}
