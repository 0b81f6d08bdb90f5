package io.tagforge.engine.report;

import com.google.common.html.HtmlEscapers;
import io.tagforge.engine.report.DatasetReport.Interval;
import io.tagforge.engine.report.DatasetReport.KindRow;
import io.tagforge.engine.report.DatasetReport.RuleRow;
import io.tagforge.engine.report.DatasetReport.Stage;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as HTML: {@link #fragment} is one {@code <div>} (tables, inline SVG charts, its own scoped style) that
 * the dashboard shows, {@link #document} the same inside a self-contained page for {@code ./tagforge report}.
 * Every number cell carries a {@code data-key}, so a test or script can read the figures back.
 */
public final class ReportHtml {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            <style>
            .tagforge-report { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
              max-width: 1320px; }
            .tagforge-report h1 { font-size: 1.5em; margin: 0 0 .2em; }
            .tagforge-report h2 { font-size: 1.15em; margin: 1.4em 0 .4em; }
            .tagforge-report p.note { color: #555; margin: .2em 0 .6em; }
            .tagforge-report table { border-collapse: collapse; margin: .4em 0; }
            .tagforge-report th, .tagforge-report td { border-bottom: 1px solid #ddd; padding: .25em .7em; text-align: right; }
            .tagforge-report th:first-child, .tagforge-report td:first-child { text-align: left; }
            .tagforge-report .charts { display: flex; flex-wrap: wrap; gap: 12px; }
            .tagforge-report .charts svg { border: 1px solid #e4e4e4; max-width: 100%; height: auto; }
            </style>
            """;

    private static final Pattern FIGURE = Pattern.compile("data-key=\"([^\"]+)\">([^<]*)<");

    private ReportHtml() {
    }

    /** A whole HTML page holding the report, charts inline: one file to mail or attach. */
    public static String document(DatasetReport report, Map<String, String> charts) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title(report)
                + "</title>\n</head>\n<body>\n" + fragment(report, charts) + "\n</body>\n</html>\n";
    }

    /** The report as one {@code <div class="tagforge-report">}. */
    public static String fragment(DatasetReport report, Map<String, String> charts) {
        StringBuilder h = new StringBuilder("<div class=\"tagforge-report\">\n").append(STYLE);
        h.append("<h1>").append(title(report)).append("</h1>\n");
        h.append("<p class=\"note\">Stage numbers as of ").append(TIME.format(report.computedAt()))
                .append(" (written by ").append(esc(report.computedBy()))
                .append("); review numbers as of this page. A tag is an image–tag pair, however many captions or "
                        + "sources back it.</p>\n");

        h.append("<table id=\"report-dataset\"><tr><th>dataset</th><th>count</th><th>per image</th></tr>\n");
        row(h, "images", "images", report.images(), null);
        row(h, "original captions", "captions.original", report.captionsOriginal(), perImage(report,
                report.captionsOriginal()));
        row(h, "generated captions", "captions.generated", report.captionsGenerated(), perImage(report,
                report.captionsGenerated()));
        h.append("</table>\n");

        h.append("<h2>Tags after each stage (as RAM's Table 5)</h2>\n");
        h.append("<table id=\"report-stages\"><tr><th>stage</th><th>tags</th><th>tags per image</th>"
                + "<th>distinct tags</th></tr>\n");
        for (int i = 0; i < report.stages().size(); i++) {
            Stage s = report.stages().get(i);
            String key = "stage." + i;
            h.append("<tr><td>").append(esc(s.name())).append("</td>").append(cell(key + ".tags", count(s.tags())))
                    .append(cell(key + ".per-image", String.format(Locale.ROOT, "%.2f", s.perImage())))
                    .append(cell(key + ".distinct", count(s.distinctTags()))).append("</tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Flagged tags nobody has reviewed yet (")
                .append(span("pending", count(report.pendingReview())))
                .append(") are out of the last stage, as an export leaves them out by default.</p>\n");
        charts(h, charts, "chart-stages");

        h.append("<h2>Flags by rule and what review made of them</h2>\n");
        h.append("<table id=\"report-flags\"><tr><th>rule</th><th>flagged</th><th>reviewed</th><th>accepted</th>"
                + "<th>rejected</th><th>not reviewed</th><th>rejected share (95% Wilson interval)</th></tr>\n");
        for (RuleRow r : report.rules()) {
            String key = "flags." + r.rule().name();
            h.append("<tr><td>").append(r.rule().name()).append("</td>")
                    .append(cell(key + ".flagged", count(r.flagged())))
                    .append(cell(key + ".reviewed", count(r.reviewed())))
                    .append(cell(key + ".accepted", count(r.accepted())))
                    .append(cell(key + ".rejected", count(r.rejected())))
                    .append(cell(key + ".pending", count(r.pending())))
                    .append(cell(key + ".share", share(r.rejectedShare()))).append("</tr>\n");
        }
        h.append("</table>\n");
        charts(h, charts, "chart-flags");

        h.append("<h2>Tag frequency and kinds</h2>\n");
        h.append("<p class=\"note\">").append(span("tags-in-use", count(report.frequencies().size())))
                .append(" tags on at least one image after review");
        if (report.releaseMinimum() != null) {
            h.append(", ").append(span("tags-in-release", count(report.frequencies().stream()
                    .filter(DatasetReport.TagFrequency::inRelease).count()))).append(" of them in the release");
            h.append("; the rarest tag of release ").append(esc(report.release())).append(" is on ")
                    .append(span("release-minimum", count(report.releaseMinimum())))
                    .append(report.releaseMinimum() == 1 ? " image" : " images");
        }
        h.append(".</p>\n");
        h.append("<table id=\"report-kinds\"><tr><th>kind</th><th>distinct tags</th><th>tags</th></tr>\n");
        for (KindRow k : report.kinds()) {
            String key = "kind." + k.kind().name();
            h.append("<tr><td>").append(k.kind().name()).append("</td>").append(cell(key + ".distinct", count(k.tags())))
                    .append(cell(key + ".tags", count(k.pairs()))).append("</tr>\n");
        }
        h.append("</table>\n");
        charts(h, charts, "chart-frequency", "chart-kinds");

        h.append("<h2>What generation added and cleaning took away</h2>\n");
        charts(h, charts, "chart-gained", "chart-lost");

        h.append("<h2>Review</h2>\n<p class=\"note\">");
        var agreement = report.agreement();
        h.append(span("agreement.pairs", count(agreement.pairsSeenTwice())))
                .append(" tags were decided by two or more people; all decided alike on ")
                .append(span("agreement.agreed", count(agreement.pairsAgreed())))
                .append(" (").append(span("agreement.share", share(report.agreementShare()))).append(").</p>\n");
        charts(h, charts, "chart-progress");
        return h.append("</div>").toString();
    }

    /** The figures of a report's HTML (a file or a fragment) by their data-key, thousands separators removed. */
    public static Map<String, String> figures(String html) {
        Map<String, String> figures = new HashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            figures.put(m.group(1), m.group(2).replace(",", ""));
        }
        return figures;
    }

    private static String title(DatasetReport report) {
        return "Dataset report: " + esc(report.dataset())
                + (report.release() == null ? "" : ", release " + esc(report.release()));
    }

    private static void row(StringBuilder h, String label, String key, long value, String perImage) {
        h.append("<tr><td>").append(label).append("</td>").append(cell(key, count(value)))
                .append(perImage == null ? "<td></td>" : cell(key + ".per-image", perImage)).append("</tr>\n");
    }

    private static String perImage(DatasetReport report, long value) {
        return report.images() == 0 ? "–" : String.format(Locale.ROOT, "%.2f", (double) value / report.images());
    }

    private static void charts(StringBuilder h, Map<String, String> charts, String... ids) {
        h.append("<div class=\"charts\">\n");
        for (String id : ids) {
            h.append(charts.get(id)).append('\n');
        }
        h.append("</div>\n");
    }

    private static String cell(String key, String text) {
        return "<td data-key=\"" + key + "\">" + text + "</td>";
    }

    private static String span(String key, String text) {
        return "<span data-key=\"" + key + "\">" + text + "</span>";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** "12.5% (8.1–18.7%)", or "–" when nothing was reviewed. */
    static String share(Interval i) {
        if (i.n() == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.1f%% (%.1f–%.1f%%)", 100 * i.share(), 100 * i.low(), 100 * i.high());
    }

    private static String esc(String text) {
        return HtmlEscapers.htmlEscaper().escape(text);
    }
}
