package io.tagforge.spark.parse;

import io.tagforge.engine.parse.ParsedCaptions;
import io.tagforge.engine.parse.ParsedCaptions.Caption;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.spark.database.DatabaseAddress;
import io.tagforge.spark.partition.PartitionCommit;
import io.tagforge.spark.partition.StagePartition;
import io.tagforge.spark.partition.InjectedFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.spark.api.java.function.Function;

/**
 * A Spark task of the parse stage: parses the captions of one id range and commits their assignments and surface
 * observations with {@link ParsedCaptions}, as ParseDatasetJob stores a batch, once ({@link PartitionCommit}).
 * Gives the captions it committed, 0 when another attempt had.
 */
final class ParsePartition implements Function<StagePartition, Long> {

    private final DatabaseAddress database;
    private final int datasetId;
    private final InjectedFailures failures;

    ParsePartition(DatabaseAddress database, int datasetId, InjectedFailures failures) {
        this.database = database;
        this.datasetId = datasetId;
        this.failures = failures;
    }

    @Override
    public Long call(StagePartition partition) throws SQLException {
        DataSource db = database.pool();
        if (PartitionCommit.isDone(db, partition)) {
            return 0L;
        }
        List<Caption> captions = captions(db, partition);
        List<ParsedCaption> parsed = Parsers.of(database, partition.jobId())
                .parseAll(captions.stream().map(Caption::text).toList());
        ParsedCaptions rows = new ParsedCaptions(captions, parsed);
        boolean committed = failures.commit(db, partition, PartitionCommit.currentAttempt(), captions.size(),
                rows.counts(), c -> rows.write(c, datasetId));
        return committed ? captions.size() : 0L;
    }

    private List<Caption> captions(DataSource db, StagePartition partition) throws SQLException {
        List<Caption> captions = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT c.id, c.image_id, c.origin, c.text FROM caption c "
                     + "JOIN image i ON i.id = c.image_id WHERE i.dataset_id = ? AND c.id >= ? AND c.id < ? ORDER BY c.id")) {
            ps.setInt(1, datasetId);
            ps.setLong(2, partition.rangeStart());
            ps.setLong(3, partition.rangeEnd());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    captions.add(new Caption(rs.getLong(1), rs.getLong(2), rs.getShort(3), rs.getString(4)));
                }
            }
        }
        return captions;
    }
}
