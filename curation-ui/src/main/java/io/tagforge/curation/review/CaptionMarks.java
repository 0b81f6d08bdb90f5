package io.tagforge.curation.review;

import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A caption with the words that name the tag marked (any of its English names, singular or plural). */
final class CaptionMarks {

    private CaptionMarks() {
    }

    /** Text pieces in order; odd positions are the marked words. */
    static List<String> pieces(String caption, List<String> forms) {
        List<String> pieces = new ArrayList<>();
        if (forms.isEmpty()) {
            pieces.add(caption);
            return pieces;
        }
        // longest names first, so "hot dog" wins over "dog"; an s or es ending counts as the same word
        String alternatives = forms.stream().map(f -> Pattern.quote(f).replace(" ", "\\E\\s+\\Q"))
                .collect(Collectors.joining("|"));
        Matcher m = Pattern.compile("\\b(?:" + alternatives + ")(?:e?s)?\\b",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(caption);
        int at = 0;
        while (m.find()) {
            pieces.add(caption.substring(at, m.start()));
            pieces.add(m.group());
            at = m.end();
        }
        pieces.add(caption.substring(at));
        return pieces;
    }

    static Paragraph render(ReviewItem.CaptionLine caption, List<String> forms) {
        Paragraph p = new Paragraph();
        p.addClassName(caption.source() ? "caption-source" : "caption-other");
        if (!caption.source()) {
            p.getStyle().set("color", "var(--lumo-secondary-text-color)");
        }
        List<String> pieces = pieces(caption.text(), forms);
        for (int i = 0; i < pieces.size(); i++) {
            Span piece = new Span(pieces.get(i));
            if (i % 2 == 1) {
                piece.addClassName("surface-word");
                piece.getStyle().set("background", "#ffe066").set("font-weight", "600").set("padding", "0 2px")
                        .set("border-radius", "3px");
            }
            p.add(piece);
        }
        return p;
    }
}
