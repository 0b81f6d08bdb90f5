package io.tagforge.spark.clean;

import io.tagforge.engine.cleaning.RegionPass;
import io.tagforge.engine.cleaning.RegionPass.Candidate;
import io.tagforge.engine.job.JobStore;
import io.tagforge.engine.pipeline.ImageDecoding.Outcome;
import io.tagforge.spark.executor.TaskDevices;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.spark.api.java.function.Function;

/**
 * A task of clean-detect: the region pass of CleaningJob over the candidate images of one image-id range, batch by
 * batch with {@link RegionPass} (detector regions, crop embeddings, NO_REGION and LOW_SCORE flags), every batch
 * committed in the partition's one transaction ({@link PartitionCommit}). Gives the images it committed.
 */
final class DetectPartition implements Function<StagePartition, Long> {

    private final CleaningOnExecutors cleaning;

    DetectPartition(CleaningOnExecutors cleaning) {
        this.cleaning = cleaning;
    }

    @Override
    public Long call(StagePartition partition) throws Exception {
        DataSource db = cleaning.db();
        if (PartitionCommit.isDone(db, partition)) {
            return 0L;
        }
        RegionPass regions = cleaning.regionPass(TaskDevices.current());
        List<RegionPass.Result> results = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Long> counts = new HashMap<>();
        long images = 0;
        long after = partition.rangeStart() - 1;
        while (true) {
            List<Candidate> batch;
            try (Connection c = db.getConnection()) {
                batch = regions.next(c, after, partition.rangeEnd(), cleaning.batchSize());
            }
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).image().id();
            List<Outcome<Candidate, BufferedImage>> decoded = new ArrayList<>();
            for (Candidate candidate : batch) {
                decoded.add(read(candidate));
            }
            RegionPass.Result result;
            try (Connection c = db.getConnection()) {
                result = regions.process(c, decoded, warnings::add);
            }
            results.add(result);
            images += batch.size();
            result.counts().forEach((name, delta) -> counts.merge(name, delta, Long::sum));
        }
        int datasetId = regions.datasetId();
        // the warnings commit with the rows, once
        boolean committed = cleaning.commit(partition, images, counts, c -> {
            for (RegionPass.Result result : results) {
                regions.write(c, result, datasetId, partition.jobId());
            }
            for (String message : warnings) {
                JobStore.log(c, partition.jobId(), "WARN", message);
            }
        });
        return committed ? images : 0L;
    }

    /** The candidate's image through Hadoop's FileSystem; an unreadable one is counted and skipped, as locally. */
    private Outcome<Candidate, BufferedImage> read(Candidate candidate) {
        try {
            return new Outcome<>(candidate, cleaning.images().read(candidate.image().path()), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome<>(candidate, null, e);
        }
    }
}
