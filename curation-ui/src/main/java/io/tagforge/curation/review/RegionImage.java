package io.tagforge.curation.review;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import io.tagforge.curation.review.ReviewItem.Box;
import io.tagforge.curation.review.ReviewItem.ImageRef;
import java.util.List;
import java.util.Locale;

/**
 * An image with the tag's boxes drawn over it, each labelled with the tag, its score and outlier percentile
 * (red from the 90th); boxes are normalized, so percentages place them at any size.
 */
class RegionImage extends Div {

    RegionImage(ImageRef image, String alt, List<Box> boxes) {
        addClassName("region-image");
        // flex-start: a stretched container would be taller than the image and misplace the boxes
        getStyle().set("position", "relative").set("display", "inline-block").set("max-width", "60%")
                .set("align-self", "flex-start").set("flex", "none")
                .set("line-height", "0");
        Image img = new Image(image.url(), alt);
        img.getStyle().set("max-width", "100%").set("max-height", "60vh").set("display", "block");
        add(img);
        for (Box box : boxes) {
            Div frame = new Div();
            frame.addClassName("region-box");
            frame.getStyle().set("position", "absolute").set("box-sizing", "border-box")
                    .set("left", pct(box.x1())).set("top", pct(box.y1()))
                    .set("width", pct(box.x2() - box.x1())).set("height", pct(box.y2() - box.y1()))
                    .set("border", "3px solid " + (isOutlier(box) ? "#e8453c" : "#2fb344"));
            Span label = new Span(alt + " " + label(box));
            label.getStyle().set("position", "absolute").set("top", "0").set("left", "0").set("line-height", "1.2")
                    .set("white-space", "nowrap")
                    .set("font-size", "11px").set("color", "white").set("padding", "1px 3px")
                    .set("background", isOutlier(box) ? "#e8453c" : "#2fb344");
            frame.add(label);
            add(frame);
        }
    }

    static boolean isOutlier(Box box) {
        return box.outlierPercentile() != null && box.outlierPercentile() >= 90;
    }

    private static String label(Box box) {
        String text = EvidencePanel.number(box.score());
        if (box.outlierPercentile() != null) {
            text += String.format(Locale.ROOT, " · p%.0f", box.outlierPercentile());
        }
        return text;
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3f%%", fraction * 100);
    }
}
