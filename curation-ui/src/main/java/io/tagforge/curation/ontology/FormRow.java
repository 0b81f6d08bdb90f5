package io.tagforge.curation.ontology;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** Fields and their button on one line, aligned on the text baseline. */
final class FormRow {

    private FormRow() {
    }

    static HorizontalLayout of(Component... parts) {
        HorizontalLayout row = new HorizontalLayout(parts);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }
}
