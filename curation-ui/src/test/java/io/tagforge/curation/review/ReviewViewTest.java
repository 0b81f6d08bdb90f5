package io.tagforge.curation.review;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.testing.CocoMiniFixture;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewViewTest extends SpringUiTest {

    CocoMiniFixture coco;

    @BeforeEach
    void load() {
        coco = CocoMiniFixture.load();
    }

    @Test
    void acceptRejectSkipAndUndoWorkOnTheShownItem() {
        openUi("anna", "ANNOTATOR");
        UI.getCurrent().navigate(ReviewView.class);
        List<Long> flagged = coco.flaggedIds();
        String firstTag = tagName(flagged.get(0));
        assertThat(_get(H3.class, spec -> spec.withId("review-tag")).getText()).isEqualTo(firstTag);
        assertThat(_find(RegionImage.class)).hasSize(1);
        assertThat(_find(CropTile.class)).isNotEmpty();
        assertThat(_get(Div.class, spec -> spec.withId("percentile-bar")).getElement().getTextRecursively())
                .startsWith("outlier percentile ");
        assertThat(_find(Span.class, spec -> spec.withClasses("surface-word")))
                .hasSizeGreaterThanOrEqualTo(coco.rowStates(flagged.get(0)).size() - 1)
                .allSatisfy(w -> assertThat(w.getText().toLowerCase()).startsWith(firstTag.toLowerCase()));
        assertThat(_get(Div.class, spec -> spec.withId("rule-stats")).getElement().getTextRecursively())
                .contains("Choose a dataset");

        _click(_get(Button.class, spec -> spec.withId("accept")));
        assertThat(coco.state(flagged.get(0))).isEqualTo((short) 2);
        assertThat(coco.rowStates(flagged.get(0))).containsOnly((short) 2);
        assertThat(status()).startsWith("Accepted '" + firstTag + "'");

        _click(_get(Button.class, spec -> spec.withId("reject")));
        assertThat(coco.state(flagged.get(1))).isEqualTo((short) 3);

        _click(_get(Button.class, spec -> spec.withId("skip")));
        assertThat(coco.state(flagged.get(2))).isEqualTo((short) 1);
        assertThat(_get(H3.class, spec -> spec.withId("review-tag")).getText()).isEqualTo(tagName(flagged.get(3)));

        _click(_get(Button.class, spec -> spec.withId("undo")));
        assertThat(coco.state(flagged.get(1))).isEqualTo((short) 1);
        assertThat(status()).isEqualTo("Undid the decision on pair #" + flagged.get(1));
        assertThat(tagShown()).isEqualTo(tagName(flagged.get(1)));

        _click(_get(Button.class, spec -> spec.withId("back")));
        assertThat(status()).isEqualTo("Undid the decision on pair #" + flagged.get(1));
        assertThat(tagShown()).isEqualTo(tagName(flagged.get(2)));
    }

    @Test
    void galleryDecidesTheSelectedCropsTogether() {
        openUi("anna", "ANNOTATOR");
        long someId = coco.flaggedIds().get(0);
        int tag = (Integer) coco.pair(someId).get("tag_id");
        UI.getCurrent().navigate(GalleryView.class);
        GalleryView gallery = _get(GalleryView.class);
        QueueFilterBar filters = _get(QueueFilterBar.class);
        filters.tag.setValue(new QueueChoices.Choice(tag, tagName(someId)));
        List<Long> shown = gallery.shownIds();
        List<Long> ofTag = coco.jdbc().sql("SELECT id FROM tag_pair WHERE state = 1 AND tag_id = ? ORDER BY id")
                .param(tag).query(Long.class).list();
        assertThat(shown).containsExactlyElementsOf(ofTag);
        assertThat(_find(CropTile.class)).hasSize(shown.size());

        gallery.toggle(shown.get(0));
        _click(_get(Button.class, spec -> spec.withId("reject-selected")));
        assertThat(coco.state(shown.get(0))).isEqualTo((short) 3);
        shown.stream().skip(1).forEach(id -> assertThat(coco.state(id)).isEqualTo((short) 1));
    }

    private String status() {
        return _get(Span.class, spec -> spec.withId("review-status")).getText();
    }

    private String tagName(long pairId) {
        return (String) coco.pair(pairId).get("name");
    }

    private String tagShown() {
        return _get(H3.class, spec -> spec.withId("review-tag")).getText();
    }
}
