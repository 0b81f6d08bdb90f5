package io.tagforge.curation.ontology;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeTable;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.labelsystem.release.ReleaseDiff;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OntologyViewsTest extends SpringUiTest {

    @Autowired
    Ontology ontology;

    CocoMiniFixture coco;

    @BeforeEach
    void load() {
        coco = CocoMiniFixture.load();
        openUi("cora", "CURATOR");
    }

    @Test
    void theTagListLoadsLazilySortedAndSearched() {
        int tags = coco.jdbc().sql("SELECT count(*) FROM tag").query(Integer.class).single();
        UI.getCurrent().navigate(OntologyView.class);
        OntologyView view = _get(OntologyView.class);
        assertThat(_size(view.grid)).isEqualTo(tags);
        String first = coco.jdbc().sql("SELECT name FROM tag ORDER BY lower(name), id LIMIT 1").query(String.class).single();
        assertThat(_get(view.grid, 0).name()).isEqualTo(first);
        view.search.setValue("bear");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < _size(view.grid); i++) {
            found.add(_get(view.grid, i).name());
        }
        assertThat(found).contains("bear", "teddy bear").allSatisfy(n -> assertThat(n).contains("bear"));
    }

    @Test
    void renamingOnTheTagPageIsSavedAndShowsInTheReleaseDiff() {
        String name = "ontology test " + System.nanoTime();
        int tag = coco.jdbc().sql("INSERT INTO tag (name, threshold) VALUES (?, 0.9) RETURNING id").param(name)
                .query(Integer.class).single();
        coco.jdbc().sql("INSERT INTO tag_assignment (image_id, dataset_id, tag_id, source, state, flag_rule) "
                + "SELECT id, dataset_id, ?, 2, 0, NULL FROM image ORDER BY id LIMIT 3").param(tag).update();
        String before = "before-" + System.nanoTime();
        ontology.createRelease(before, null, "test");

        UI.getCurrent().navigate(TagView.class, tag);
        TagView page = _get(TagView.class);
        assertThat(_get(H2.class, spec -> spec.withId("tag-name")).getText()).isEqualTo(name);
        assertThat(page.threshold.getValue()).as("what was typed, not the float's double expansion").isEqualTo(0.9);
        assertThat(_get(NativeTable.class, spec -> spec.withId("tag-assignment-counts")).getElement().getTextRecursively())
                .isEqualTo("active3flagged0accepted0rejected0");
        page.newName.setValue(name + " renamed");
        _click(_get(Button.class, spec -> spec.withId("rename")));
        assertThat(coco.jdbc().sql("SELECT name FROM tag WHERE id = ?").param(tag).query(String.class).single())
                .isEqualTo(name + " renamed");
        assertThat(_get(H2.class, spec -> spec.withId("tag-name")).getText()).isEqualTo(name + " renamed");

        String after = "after-" + System.nanoTime();
        ontology.createRelease(after, before, "test");
        UI.getCurrent().navigate(ReleasesView.class);
        ReleasesView releases = _get(ReleasesView.class);
        releases.from.setValue(releases.from.getListDataView().getItems().filter(r -> r.name().equals(before)).findFirst().orElseThrow());
        releases.to.setValue(releases.to.getListDataView().getItems().filter(r -> r.name().equals(after)).findFirst().orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("diff")));
        List<ReleaseDiff.Change> changes = new ArrayList<>();
        for (int i = 0; i < _size(releases.changes); i++) {
            changes.add(_get(releases.changes, i));
        }
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ReleaseDiff.Kind.RENAMED);
            assertThat(c.tagId()).isEqualTo(tag);
        });
    }

    @Test
    void curatorsMarkATagDetectableOnItsPage() {
        String name = "detectable test " + System.nanoTime();
        int tag = coco.jdbc().sql("INSERT INTO tag (name) VALUES (?) RETURNING id").param(name).query(Integer.class).single();
        UI.getCurrent().navigate(TagView.class, tag);
        Checkbox detectable = _get(Checkbox.class, spec -> spec.withId("detectable"));
        assertThat(detectable.getValue()).isFalse();
        _setValue(detectable, true);
        assertThat(coco.jdbc().sql("SELECT detectable FROM tag WHERE id = ?").param(tag).query(Boolean.class).single())
                .isTrue();
        assertThat(coco.jdbc().sql("SELECT action FROM audit_log WHERE entity_id = ?::text ORDER BY id DESC LIMIT 1")
                .param(String.valueOf(tag)).query(String.class).single()).isEqualTo("set-detectable");
        assertThat(_get(Checkbox.class, spec -> spec.withId("detectable")).getValue()).isTrue();
    }
}
