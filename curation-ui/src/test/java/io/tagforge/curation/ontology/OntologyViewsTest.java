package io.tagforge.curation.ontology;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.clearNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeTable;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.labelsystem.curation.Curation;
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

    /**
     * The tag page shows version 0; meanwhile a CLI user changes the tag through the same curation service. The
     * page's rename of version 0 is refused with what happened, writes nothing, and the page shows the tag again.
     */
    @Test
    void aRenameOverAChangeMadeOnTheCliIsRefusedAndWritesNothing() {
        String name = "conflict test " + System.nanoTime();
        int tag = coco.jdbc().sql("INSERT INTO tag (name, threshold) VALUES (?, 0.9) RETURNING id").param(name)
                .query(Integer.class).single();
        UI.getCurrent().navigate(TagView.class, tag);
        TagView page = _get(TagView.class);

        context.getBean(Curation.class).setThreshold("cli:carl", tag, 0, 0.5f);
        page.newName.setValue(name + " renamed");
        _click(_get(Button.class, spec -> spec.withId("rename")));

        expectNotifications("tag " + tag + " (" + name + ") was changed by someone else since you read it (now version "
                + "1, you had 0): nothing was saved; reload and retry");
        assertThat(coco.jdbc().sql("SELECT name || ' ' || version || ' ' || threshold FROM tag WHERE id = ?").param(tag)
                .query(String.class).single()).isEqualTo(name + " 1 0.5");
        assertThat(coco.jdbc().sql("SELECT string_agg(actor || ' ' || action, ',') FROM audit_log WHERE entity_type = "
                + "'tag' AND entity_id = ?").param(String.valueOf(tag)).query(String.class).single())
                .isEqualTo("cli:carl set-threshold");
        assertThat(_get(TagView.class).threshold.getValue()).isEqualTo(0.5);
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

    @Test
    void aStaleEditOnTheTagPageIsShownAsAConflictAndWritesNothing() {
        String name = "stale edit test " + System.nanoTime();
        int tag = coco.jdbc().sql("INSERT INTO tag (name) VALUES (?) RETURNING id").param(name).query(Integer.class).single();
        UI.getCurrent().navigate(TagView.class, tag);
        TagView page = _get(TagView.class);
        int read = coco.jdbc().sql("SELECT version FROM tag WHERE id = ?").param(tag).query(Integer.class).single();
        // another curator (from the CLI or another browser) renames it after the page read it
        ontology.rename(tag, read, name + " by bob");

        clearNotifications();
        page.newName.setValue(name + " by cora");
        _click(_get(Button.class, spec -> spec.withId("rename")));
        assertThat(getNotifications()).singleElement()
                .satisfies(n -> assertThat(n.getThemeNames()).containsExactly("warning"));
        expectNotifications("tag " + tag + " (" + name + " by bob) was changed by someone else since you read it (now version "
                + (read + 1) + ", you had " + read + "): nothing was saved; reload and retry");
        assertThat(coco.jdbc().sql("SELECT name FROM tag WHERE id = ?").param(tag).query(String.class).single())
                .isEqualTo(name + " by bob");
        assertThat(_get(H2.class, spec -> spec.withId("tag-name")).getText()).as("the page shows the tag again")
                .isEqualTo(name + " by bob");
    }
}
