package io.tagforge.curation.ontology;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A curator blocks a mapping in the Mappings view (the next parse reads it) and undoes it. */
class MappingsViewTest extends SpringUiTest {

    CocoMiniFixture coco;

    @BeforeEach
    void observedMappings() {
        coco = CocoMiniFixture.load();
        coco.jdbc().sql("DELETE FROM surface_mapping WHERE surface IN ('sofa', 'puppy')").update();
        coco.jdbc().sql("DELETE FROM surface_observation").update();
        coco.jdbc().sql("""
                INSERT INTO surface_observation (dataset_id, surface, tag_id, rule, mentions, examples)
                SELECT d.id, o.surface, t.id, o.rule, o.mentions, o.examples
                FROM dataset d, tag t, (VALUES ('puppy', 'dog', 'HYPERNYM', 259, ARRAY['A puppy on a bed.']),
                                               ('sofa', 'couch', 'WORDNET_SYNONYM', 31, ARRAY['A cat on a sofa.']))
                     AS o (surface, tag, rule, mentions, examples)
                WHERE d.name = 'coco-mini' AND t.name = o.tag""").update();
        openUi("cora", "CURATOR");
    }

    @Test
    void aCuratorBlocksAMappingByFrequencyAndUndoesIt() {
        UI.getCurrent().navigate(MappingsView.class);
        MappingsView view = _get(MappingsView.class);
        assertThat(view.dataset.getValue()).isEqualTo("coco-mini");
        ObservedMapping first = _get(view.grid, 0);
        assertThat(first.surface() + " → " + first.tagName()).isEqualTo("puppy → dog");
        assertThat(_get(view.grid, 1).surface()).isEqualTo("sofa");

        view.search.setValue("dog");
        assertThat(_get(view.grid, 0).surface()).isEqualTo("puppy");
        _click((Button) _getCellComponent(view.grid, 0, "curate"));
        assertThat(coco.jdbc().sql("SELECT count(*) FROM surface_mapping WHERE surface = 'puppy' AND action = 2 "
                + "AND tag_name = 'dog' AND created_by = 'cora'").query(Integer.class).single()).isEqualTo(1);
        assertThat(_get(view.grid, 0).blocked()).isTrue();
        assertThat(coco.jdbc().sql("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1").query(String.class)
                .single()).isEqualTo("block-mapping");

        _click(_get(Button.class, spec -> spec.withId("undo-mapping")));
        assertThat(coco.jdbc().sql("SELECT count(*) FROM surface_mapping WHERE surface = 'puppy'").query(Integer.class)
                .single()).isZero();
        assertThat(_get(view.grid, 0).blocked()).isFalse();
    }
}
