package io.tagforge.curation.review;

import com.vaadin.flow.component.html.Div;
import io.tagforge.curation.review.ReviewItem.Box;
import io.tagforge.curation.review.ReviewItem.ImageRef;
import java.util.Locale;

/**
 * One region cut out of its image in the browser: the whole image is the background, scaled and shifted so
 * the box fills the tile. No crop files on the server.
 */
class CropTile extends Div {

    CropTile(ImageRef image, Box box, int size) {
        addClassName("crop-tile");
        double w = Math.max(box.x2() - box.x1(), 0.01);
        double h = Math.max(box.y2() - box.y1(), 0.01);
        getStyle().set("width", size + "px").set("height", size + "px").set("flex", "none")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background-image", "url('" + image.url().replace("'", "%27") + "')")
                .set("background-repeat", "no-repeat")
                .set("background-size", pct(1 / w) + " " + pct(1 / h))
                .set("background-position", position(box.x1(), w) + " " + position(box.y1(), h));
    }

    /** CSS background-position percentages place the point p of the image at p of the tile. */
    private static String position(double start, double extent) {
        return extent >= 0.999 ? "0%" : pct(start / (1 - extent));
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3f%%", fraction * 100);
    }
}
