package io.tagforge.curation.ontology;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.select.Select;
import io.tagforge.curation.SpringUiTest;
import io.tagforge.engine.testing.CocoMiniFixture;
import io.tagforge.labelsystem.mapping.ObservedMapping;
import io.tagforge.labelsystem.wordnet.WordSense;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A curator blocks a mapping in the Mappings view (the next parse reads it) and undoes it; pins a surface to one of
 * its WordNet noun senses there and on the tag page.
 */
class MappingsViewTest extends SpringUiTest {

    CocoMiniFixture coco;

    @BeforeEach
    void observedMappings() {
        coco = CocoMiniFixture.load();
        coco.jdbc().sql("DELETE FROM surface_mapping WHERE surface IN ('sofa', 'puppy', 'tram')").update();
        coco.jdbc().sql("DELETE FROM surface_observation").update();
        coco.jdbc().sql("""
                INSERT INTO surface_observation (dataset_id, surface, tag_id, rule, mentions, examples)
                SELECT d.id, o.surface, t.id, o.rule, o.mentions, o.examples
                FROM dataset d, tag t, (VALUES ('puppy', 'dog', 'HYPERNYM', 259, ARRAY['A puppy on a bed.']),
                                               ('sofa', 'couch', 'WORDNET_SYNONYM', 31, ARRAY['A cat on a sofa.']),
                                               ('tram', 'train', 'HYPERNYM', 12, ARRAY['People outside of a tram.']))
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

    @Test
    void aCuratorPinsASurfaceToASenseFromItsGlossesAndUndoesIt() {
        UI.getCurrent().navigate(MappingsView.class);
        MappingsView view = _get(MappingsView.class);
        view.pinSurface.setValue("tram");
        List<WordSense> senses = view.pinSense.getListDataView().getItems().toList();
        assertThat(senses).extracting(WordSense::senseKey)
                .containsExactly("tram%1:06:02::", "tram%1:06:00::", "tram%1:06:01::");
        assertThat(MappingsView.describe(senses.get(2))).startsWith("tram%1:06:01:: (streetcar, tram, tramcar, trolley, "
                + "trolley car): a wheeled vehicle that runs on rails");
        view.pinSense.setValue(senses.get(2));
        _click(_get(Button.class, spec -> spec.withId("pin-sense")));
        assertThat(coco.jdbc().sql("SELECT sense_key || ' ' || created_by FROM surface_mapping WHERE surface = 'tram' "
                + "AND action = 3").query(String.class).single()).isEqualTo("tram%1:06:01:: cora");
        view.search.setValue("tram");
        assertThat(_get(view.grid, 0).pinnedSense()).isEqualTo("tram%1:06:01::");

        _click(_get(Button.class, spec -> spec.withId("undo-mapping")));
        assertThat(coco.jdbc().sql("SELECT count(*) FROM surface_mapping WHERE surface = 'tram'").query(Integer.class)
                .single()).isZero();
        assertThat(_get(view.grid, 0).pinnedSense()).isNull();
    }

    @Test
    void theTagPageListsASurfacesSensesToPinAndUnpins() {
        int train = coco.jdbc().sql("SELECT id FROM tag WHERE name = 'train'").query(Integer.class).single();
        UI.getCurrent().navigate(TagView.class, train);
        @SuppressWarnings("unchecked")
        Select<WordSense> senses = _get(Select.class, spec -> spec.withId("pin-sense-tram"));
        WordSense streetcar = senses.getListDataView().getItems()
                .filter(s -> s.synset().lemmas().contains("streetcar")).findFirst().orElseThrow();
        senses.setValue(streetcar);
        _click(_get(Button.class, spec -> spec.withId("pin-tram")));
        assertThat(coco.jdbc().sql("SELECT sense_key FROM surface_mapping WHERE surface = 'tram' AND action = 3")
                .query(String.class).single()).isEqualTo("tram%1:06:01::");
        assertThat(_get(Div.class, spec -> spec.withId("tag-mappings")).getElement().getTextRecursively())
                .contains("12 × \"tram\" (HYPERNYM) · PINNED tram%1:06:01::");

        _click(_get(Button.class, spec -> spec.withId("unpin-tram")));
        assertThat(coco.jdbc().sql("SELECT count(*) FROM surface_mapping WHERE surface = 'tram'").query(Integer.class)
                .single()).isZero();
        assertThat(coco.jdbc().sql("SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE entity_type = "
                + "'surface_mapping'").query(String.class).single()).endsWith("pin-sense,remove-mapping");
    }
}
