package io.tagforge.curation.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The flag's evidence (flag_evidence.evidence: tagger score vs threshold, outlier distance, cluster...) as people
 * read it: rounded numbers, the distance percentile as a bar. Boxes are drawn on the image, not listed here.
 */
class EvidencePanel extends Div {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** shown elsewhere: the rule in the header, the boxes on the image, the percentile as the bar */
    private static final Set<String> NOT_LISTED = Set.of("rule", "boxes", "distance_percentile");

    EvidencePanel(String evidenceJson) {
        addClassName("evidence");
        if (evidenceJson == null) {
            add(new Span("No evidence recorded."));
            return;
        }
        try {
            JsonNode evidence = JSON.readTree(evidenceJson);
            if (evidence.has("distance_percentile")) {
                add(percentileBar(evidence.get("distance_percentile").asDouble()));
            }
            addFields("", evidence);
        } catch (JsonProcessingException e) {
            add(new Span(evidenceJson));
        }
    }

    /** Where the region's distance to its cluster centre lies among all regions of the tag: 100 = farthest. */
    static Div percentileBar(double percentile) {
        Div fill = new Div();
        fill.getStyle().set("width", String.format(Locale.ROOT, "%.1f%%", percentile)).set("height", "100%")
                .set("background", percentile >= 90 ? "#e8453c" : "#2fb344").set("border-radius", "4px");
        Div track = new Div(fill);
        track.getStyle().set("width", "220px").set("height", "12px").set("background", "var(--lumo-contrast-10pct)")
                .set("border-radius", "4px").set("display", "inline-block").set("vertical-align", "middle")
                .set("margin-right", "8px");
        Div bar = new Div(track, new Span("outlier percentile " + number(percentile)
                + (percentile >= 90 ? " (farther from its cluster than " + number(percentile) + "% of the tag's regions)" : "")));
        bar.setId("percentile-bar");
        bar.getStyle().set("margin", "4px 0");
        return bar;
    }

    private void addFields(String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (prefix.isEmpty() && NOT_LISTED.contains(field.getKey())) {
                continue;
            }
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                addFields(name, field.getValue());
            } else {
                addLine(name, field.getValue());
            }
        }
    }

    private void addLine(String name, JsonNode value) {
        Div line = new Div();
        Span key = new Span(name.replace('_', ' ') + ": ");
        key.getStyle().set("color", "var(--lumo-secondary-text-color)");
        line.add(key, new Span(value.isNumber() ? number(value.doubleValue()) : value.asText(value.toString())));
        add(line);
    }

    /** As typed, not as stored: the shortest decimal of the float (0.9, not 0.8999999761581421), 3 digits at most. */
    static String number(double v) {
        return new java.math.BigDecimal(Float.toString((float) v)).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString();
    }
}
