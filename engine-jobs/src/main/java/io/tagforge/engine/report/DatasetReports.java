package io.tagforge.engine.report;

import io.tagforge.engine.report.DatasetReport.KindRow;
import io.tagforge.engine.report.DatasetReport.RuleRow;
import io.tagforge.engine.report.DatasetReport.Stage;
import io.tagforge.engine.report.DatasetReport.TagChange;
import io.tagforge.engine.report.DatasetReport.TagFrequency;
import io.tagforge.labelsystem.assignment.FlagRule;
import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.transaction.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import javax.sql.DataSource;

/**
 * Builds a {@link DatasetReport} from the stage summaries the jobs write ({@link StageSummary}) and the review
 * decisions ({@link ReviewOutcomes}): a few thousand rows whatever the dataset's size. A dataset no job has
 * summarised yet (ingested before summaries existed) is summarised once, here.
 */
public final class DatasetReports {

    static final int TOP_CHANGES = 10;

    private final Transactions transactions;
    private final DataSource dataSource;
    private final ReviewOutcomes reviews;

    public DatasetReports(Transactions transactions) {
        this.transactions = transactions;
        this.dataSource = transactions.dataSource();
        this.reviews = new ReviewOutcomes(dataSource);
    }

    /** The report of a dataset, of a release's tags when {@code release} is not null. */
    public DatasetReport build(String dataset, String release) {
        try {
            int datasetId = datasetId(dataset);
            Integer releaseId = release == null ? null : id("SELECT id FROM release WHERE name = ?", release)
                    .orElseThrow(() -> new ReportException("release", "no release named \"" + release + "\""));
            Totals totals = totals(datasetId).orElse(null);
            if (totals == null) {
                StageSummary.refresh(transactions, datasetId, "first report");
                totals = totals(datasetId).orElseThrow();
            }
            return build(dataset, release, datasetId, releaseId, totals);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the report of " + dataset + ": " + e.getMessage(), e);
        }
    }

    /** Rewrites the dataset's stage summary now ({@link StageSummary}); {@code by} says who asked. */
    public void recompute(String dataset, String by) throws SQLException {
        StageSummary.refresh(transactions, datasetId(dataset), by);
    }

    /** Dataset names, for choosing one. */
    public List<String> datasets() {
        return names("SELECT name FROM dataset ORDER BY name");
    }

    /** Release names, newest first. */
    public List<String> releases() {
        return names("SELECT name FROM release ORDER BY created_at DESC, id DESC");
    }

    private record Totals(long images, long captionsOriginal, long captionsGenerated, Timestamp computedAt,
                          String computedBy) {
    }

    /** One tag's summary row with the review's accepted pairs added. */
    private record TagRow(String name, TagKind kind, boolean inRelease, long parsedOriginal, long withModel,
                          long pairs, long flagged, long accepted) {

        long afterCleaning() {
            return pairs - flagged;
        }

        long afterReview() {
            return afterCleaning() + accepted;
        }
    }

    private DatasetReport build(String dataset, String release, int datasetId, Integer releaseId, Totals totals)
            throws SQLException {
        ReviewOutcomes.Decisions decisions = reviews.read(datasetId, releaseId);
        List<ReviewOutcomes.TagRuleOutcome> outcomes = decisions.outcomes();
        Map<Integer, Long> acceptedByTag = new HashMap<>();
        outcomes.forEach(o -> acceptedByTag.merge(o.tagId(), o.accepted(), Long::sum));
        List<TagRow> all = tagRows(datasetId, releaseId, acceptedByTag);
        List<TagRow> counted = release == null ? all : all.stream().filter(TagRow::inRelease).toList();

        List<Stage> stages = List.of(
                stage("Parsed from original captions", counted, TagRow::parsedOriginal, totals.images()),
                stage("+ model tags", counted, TagRow::withModel, totals.images()),
                stage("+ parsed from generated captions", counted, TagRow::pairs, totals.images()),
                stage("After cleaning flags", counted, TagRow::afterCleaning, totals.images()),
                stage("After review", counted, TagRow::afterReview, totals.images()));

        Map<FlagRule, long[]> byRule = new EnumMap<>(FlagRule.class);
        for (FlagRule rule : FlagRule.values()) {
            byRule.put(rule, new long[3]);
        }
        flaggedByRule(datasetId, releaseId).forEach((rule, pairs) -> byRule.get(rule)[0] = pairs);
        for (ReviewOutcomes.TagRuleOutcome o : outcomes) {
            byRule.get(o.rule())[1] += o.accepted();
            byRule.get(o.rule())[2] += o.rejected();
        }
        List<RuleRow> rules = byRule.entrySet().stream()
                .map(e -> new RuleRow(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();

        List<TagFrequency> frequencies = all.stream().filter(t -> t.afterReview() > 0)
                .map(t -> new TagFrequency(t.name(), t.afterReview(), t.inRelease()))
                .sorted(Comparator.comparingLong(TagFrequency::images).reversed()
                        .thenComparing(TagFrequency::tag))
                .toList();

        List<KindRow> kinds = new ArrayList<>();
        for (TagKind kind : TagKind.values()) {
            List<TagRow> ofKind = counted.stream().filter(t -> t.kind() == kind && t.afterReview() > 0).toList();
            kinds.add(new KindRow(kind, ofKind.size(), ofKind.stream().mapToLong(TagRow::afterReview).sum()));
        }

        return new DatasetReport(dataset, release, totals.computedAt().toInstant(), totals.computedBy(),
                totals.images(), totals.captionsOriginal(), totals.captionsGenerated(), stages, rules, frequencies,
                kinds, top(counted, TagRow::parsedOriginal, TagRow::pairs), top(counted, TagRow::pairs,
                TagRow::afterCleaning), decisions.progress(), decisions.agreement());
    }

    private static Stage stage(String name, List<TagRow> tags, ToLongFunction<TagRow> count, long images) {
        long pairs = tags.stream().mapToLong(count).sum();
        long distinct = tags.stream().filter(t -> count.applyAsLong(t) > 0).count();
        return new Stage(name, pairs, distinct, images == 0 ? 0 : (double) pairs / images);
    }

    /** The tags whose count changed most from {@code before} to {@code after}, largest change first. */
    private static List<TagChange> top(List<TagRow> tags, ToLongFunction<TagRow> before, ToLongFunction<TagRow> after) {
        return tags.stream()
                .map(t -> new TagChange(t.name(), before.applyAsLong(t), after.applyAsLong(t)))
                .filter(c -> c.change() != 0)
                .sorted(Comparator.comparingLong((TagChange c) -> -Math.abs(c.change())).thenComparing(TagChange::tag))
                .limit(TOP_CHANGES).toList();
    }

    private Optional<Totals> totals(int datasetId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT images, captions_original, captions_generated, computed_at, computed_by
                  FROM dataset_summary WHERE dataset_id = ?""")) {
            ps.setInt(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getTimestamp(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    private List<TagRow> tagRows(int datasetId, Integer releaseId, Map<Integer, Long> acceptedByTag)
            throws SQLException {
        List<TagRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT s.tag_id, t.name, t.kind, rt.tag_id IS NOT NULL AS in_release,
                       s.parsed_original, s.with_model, s.pairs,
                       coalesce((SELECT sum(f.pairs) FROM dataset_flag_summary f
                                  WHERE f.dataset_id = s.dataset_id AND f.tag_id = s.tag_id), 0) AS flagged
                  FROM dataset_tag_summary s JOIN tag t ON t.id = s.tag_id
                  LEFT JOIN release_tag rt ON rt.release_id = ? AND rt.tag_id = s.tag_id
                 WHERE s.dataset_id = ?""")) {
            ps.setObject(1, releaseId, java.sql.Types.INTEGER);
            ps.setInt(2, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new TagRow(rs.getString(2), TagKind.ofCode(rs.getShort(3)), rs.getBoolean(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                            acceptedByTag.getOrDefault(rs.getInt(1), 0L)));
                }
            }
        }
        return rows;
    }

    private Map<FlagRule, Long> flaggedByRule(int datasetId, Integer releaseId) throws SQLException {
        Map<FlagRule, Long> flagged = new EnumMap<>(FlagRule.class);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT f.flag_rule, sum(f.pairs) FROM dataset_flag_summary f
                 WHERE f.dataset_id = ?
                   AND (?::int IS NULL OR f.tag_id IN (SELECT tag_id FROM release_tag WHERE release_id = ?))
                 GROUP BY f.flag_rule""")) {
            ps.setInt(1, datasetId);
            ps.setObject(2, releaseId, java.sql.Types.INTEGER);
            ps.setObject(3, releaseId, java.sql.Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    flagged.put(FlagRule.ofCode(rs.getShort(1)), rs.getLong(2));
                }
            }
        }
        return flagged;
    }

    private int datasetId(String dataset) throws SQLException {
        return id("SELECT id FROM dataset WHERE name = ?", dataset)
                .orElseThrow(() -> new ReportException("dataset", "no dataset named \"" + dataset + "\""));
    }

    private Optional<Integer> id(String sql, String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private List<String> names(String sql) {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read names: " + e.getMessage(), e);
        }
        return names;
    }
}
