package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.OutlierPass.Ranked;
import io.tagforge.engine.cleaning.OutlierPass.Region;
import java.io.Serializable;
import java.util.Comparator;

/**
 * The order of a big category's regions by distance to their centroid, ties broken by image and box: the order
 * OutlierPass ranks a whole category in, so a region's rank in it gives its percentile and whether it is an outlier.
 */
record RankKey(float distance, long imageId, String source, float x1, float y1, float x2, float y2)
        implements Comparable<RankKey>, Serializable {

    /** The regions of one image in the category's region order (image, source, box). */
    static final Comparator<Ranked> IN_IMAGE = Comparator.comparing(r -> of(r).withoutDistance());

    private static final Comparator<RankKey> ORDER = Comparator.comparingDouble(RankKey::distance)
            .thenComparingLong(RankKey::imageId).thenComparing(RankKey::source).thenComparingDouble(RankKey::x1)
            .thenComparingDouble(RankKey::y1).thenComparingDouble(RankKey::x2).thenComparingDouble(RankKey::y2);

    static RankKey of(Ranked ranked) {
        Region r = ranked.region();
        return new RankKey(ranked.distance(), r.imageId(), r.source(), r.box()[0], r.box()[1], r.box()[2], r.box()[3]);
    }

    private RankKey withoutDistance() {
        return new RankKey(0, imageId, source, x1, y1, x2, y2);
    }

    @Override
    public int compareTo(RankKey other) {
        return ORDER.compare(this, other);
    }
}
