package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.OutlierPass;
import io.tagforge.engine.cleaning.OutlierPass.Ranked;
import io.tagforge.engine.kmeans.OutlierRanking;
import io.tagforge.spark.partition.IdRanges;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * clean-cluster for a category with more regions than the sample one JVM clusters: K-Means++ on a seeded sample
 * (the driver), then in Spark every region scored against the sample's centroids (tasks over region-id ranges,
 * features never leave them), all regions ranked by distance (Spark's sort), and the images grouped into
 * partitions that each flag their images by OutlierPass's rule and commit once (stage {@code clean-cluster:TAG},
 * range [i, i + 1)). Partitions: one per {@code sampleSize} regions, so a rerun keeps the split.
 */
final class BigCategory {

    static String stage(int tagId) {
        return SparkCleanJob.CLUSTER + ":" + tagId;
    }

    private BigCategory() {
    }

    /** Clusters, scores and flags the category; gives the partitions committed by this run. */
    static long run(JavaSparkContext sc, DataSource db, CleaningOnExecutors cleaning, long jobId, int tagId, int regions,
            int sampleSize) throws SQLException {
        int partitions = (regions + sampleSize - 1) / sampleSize;
        if (PartitionCommit.done(db, jobId, stage(tagId)).size() == partitions) {
            return 0;
        }
        OutlierPass outliers = cleaning.outliers();
        OutlierRanking.Centroids centroids;
        List<long[]> ranges;
        try (Connection c = db.getConnection()) {
            centroids = outliers.fitSample(c, tagId, sampleSize);
        }
        ranges = regionRanges(db, cleaning, tagId, partitions);
        return sc.parallelize(ranges, ranges.size())
                .flatMap(range -> {
                    try (Connection c = cleaning.db().getConnection()) {
                        return outliers.score(c, tagId, range[0], range[1], centroids).iterator();
                    }
                })
                .sortBy(RankKey::of, true, partitions)
                .zipWithIndex()
                .map(ranked -> outliers.ranked(ranked._1(), ranked._2(), regions))
                .mapToPair(ranked -> new Tuple2<>(ranked.region().imageId(), ranked))
                .groupByKey(new HashPartitioner(partitions))
                .mapPartitionsWithIndex(new FlagPartition(cleaning, jobId, tagId, regions), false)
                .reduce(Long::sum);
    }

    /** {@code count} region-id ranges of about equal counts over the category's embedded regions, as [from, to). */
    private static List<long[]> regionRanges(DataSource db, CleaningOnExecutors cleaning, int tagId, int count)
            throws SQLException {
        List<Long> bounds = IdRanges.split(db, count, """
                SELECT r.id FROM region r JOIN image i ON i.id = r.image_id JOIN dataset d ON d.id = i.dataset_id
                 WHERE d.name = ? AND r.tag_id = ? AND EXISTS (SELECT 1 FROM region_embedding e WHERE e.region_id = r.id)""",
                cleaning.dataset(), tagId).ranges().bounds();
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            ranges.add(new long[] {bounds.get(i), bounds.get(i + 1)});
        }
        return ranges;
    }

    /**
     * One partition of the category's images: their regions' ranks and their OUTLIER_REGION flags, committed once;
     * partition 0 also counts the category (progress 1, categories_clustered), as the local job does once per category.
     */
    private record FlagPartition(CleaningOnExecutors cleaning, long jobId, int tagId, int regions)
            implements Function2<Integer, Iterator<Tuple2<Long, Iterable<Ranked>>>, Iterator<Long>> {

        @Override
        public Iterator<Long> call(Integer index, Iterator<Tuple2<Long, Iterable<Ranked>>> images) throws Exception {
            DataSource db = cleaning.db();
            StagePartition partition = new StagePartition(jobId, stage(tagId), index, index + 1);
            if (PartitionCommit.isDone(db, partition)) {
                return List.of(0L).iterator();
            }
            List<Ranked> ranked = new ArrayList<>();
            while (images.hasNext()) {
                List<Ranked> image = new ArrayList<>();
                images.next()._2().forEach(image::add);
                image.sort(RankKey.IN_IMAGE);
                ranked.addAll(image);
            }
            OutlierPass.Result result = cleaning.outliers().flag(tagId, regions, ranked);
            boolean first = index == 0;
            Map<String, Long> counts = first
                    ? Map.of("categories_clustered", 1L, "flags_outlier_region", result.outlierFlags())
                    : Map.of("flags_outlier_region", result.outlierFlags());
            boolean committed = cleaning.commit(partition, first ? 1 : 0, counts,
                    c -> cleaning.outliers().write(c, result, jobId));
            return List.of(committed ? 1L : 0L).iterator();
        }
    }
}
