package io.tagforge.curation.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.Iterator;
import java.util.Map;

/** The flag's evidence (flag_evidence.evidence: tagger score vs threshold, outlier percentile, cluster...). */
class EvidencePanel extends Div {

    private static final ObjectMapper JSON = new ObjectMapper();

    EvidencePanel(String evidenceJson) {
        addClassName("evidence");
        if (evidenceJson == null) {
            add(new Span("No evidence recorded."));
            return;
        }
        try {
            addFields("", JSON.readTree(evidenceJson));
        } catch (JsonProcessingException e) {
            add(new Span(evidenceJson));
        }
    }

    private void addFields(String prefix, JsonNode node) {
        if (!node.isObject()) {
            addLine(prefix.isEmpty() ? "value" : prefix, node);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
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

    /** Three significant digits, no trailing zeros: 0.4213 → 0.421, 95.0 → 95. */
    static String number(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
