package io.tagforge.curation.dashboard;

import io.tagforge.curation.security.CurrentUser;
import io.tagforge.curation.security.Roles;
import io.tagforge.engine.report.DatasetReport;
import io.tagforge.engine.report.DatasetReports;
import io.tagforge.engine.report.ReportCharts;
import io.tagforge.engine.report.ReportHtml;
import io.tagforge.labelsystem.transaction.Transactions;
import jakarta.annotation.security.RolesAllowed;
import java.sql.SQLException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The dataset report behind the dashboard: the same model, charts and HTML as {@code ./tagforge report}, so the
 * page and the file never disagree. Everyone with a role may read it.
 */
@Service
@RolesAllowed({Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN})
public class Dashboard {

    private final DatasetReports reports;
    private final CurrentUser user;

    Dashboard(Transactions transactions, CurrentUser user) {
        this.reports = new DatasetReports(transactions);
        this.user = user;
    }

    public List<String> datasets() {
        return reports.datasets();
    }

    public List<String> releases() {
        return reports.releases();
    }

    /** The report of a dataset (of a release's tags when {@code release} is not null) as one HTML element. */
    public String reportHtml(String dataset, String release) {
        DatasetReport report = reports.build(dataset, release);
        return ReportHtml.fragment(report, ReportCharts.render(report));
    }

    /**
     * Recomputes the stage numbers from the tables, for after changes no job summarised (a tag merge moves
     * assignments): one pass over the dataset's assignments, seconds at 10^7 of them.
     */
    @RolesAllowed({Roles.CURATOR, Roles.ADMIN})
    public void recompute(String dataset) {
        try {
            reports.recompute(dataset, "recomputed by " + user.name());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recompute the report of " + dataset + ": " + e.getMessage(), e);
        }
    }
}
