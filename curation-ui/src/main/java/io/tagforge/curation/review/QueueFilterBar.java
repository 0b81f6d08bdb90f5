package io.tagforge.curation.review;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import io.tagforge.curation.review.QueueChoices.Choice;
import io.tagforge.engine.review.QueueOrder;
import io.tagforge.engine.review.ReviewFilter;
import io.tagforge.labelsystem.assignment.FlagRule;
import java.util.List;

/** Dataset, tag, flag rule, score range and order of a review queue; calls back whenever one changes. */
class QueueFilterBar extends HorizontalLayout {

    final ComboBox<Choice> dataset = new ComboBox<>("Dataset");
    final ComboBox<Choice> tag = new ComboBox<>("Tag");
    final Select<FlagRule> rule = new Select<>();
    final NumberField minScore = new NumberField("Score from");
    final NumberField maxScore = new NumberField("to");
    final Select<QueueOrder> order = new Select<>();

    QueueFilterBar(QueueChoices choices, Runnable onChange) {
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        dataset.setId("filter-dataset");
        dataset.setItems(choices.datasets());
        dataset.setItemLabelGenerator(Choice::name);
        dataset.setClearButtonVisible(true);
        tag.setId("filter-tag");
        // thousands of tags: fetched a page at a time as the user types
        tag.setItems(query -> choices.tags(query.getFilter().orElse(""), query.getOffset(), query.getLimit()).stream());
        tag.setItemLabelGenerator(Choice::name);
        tag.setClearButtonVisible(true);
        rule.setId("filter-rule");
        rule.setLabel("Flag rule");
        rule.setItems(FlagRule.values());
        rule.setEmptySelectionAllowed(true);
        rule.setEmptySelectionCaption("any");
        rule.setItemLabelGenerator(r -> r == null ? "any" : r.label());
        order.setId("filter-order");
        order.setLabel("Order");
        order.setItems(QueueOrder.values());
        order.setValue(QueueOrder.FLAGGED);
        order.setItemLabelGenerator(QueueOrder::label);
        for (NumberField f : List.of(minScore, maxScore)) {
            f.setMin(0);
            f.setMax(1);
            f.setStep(0.05);
            f.setWidth("7em");
            f.setClearButtonVisible(true);
        }
        add(dataset, tag, rule, minScore, maxScore, order);
        dataset.addValueChangeListener(e -> onChange.run());
        tag.addValueChangeListener(e -> onChange.run());
        rule.addValueChangeListener(e -> onChange.run());
        minScore.addValueChangeListener(e -> onChange.run());
        maxScore.addValueChangeListener(e -> onChange.run());
        order.addValueChangeListener(e -> onChange.run());
    }

    ReviewFilter filter() {
        return new ReviewFilter(
                dataset.getValue() == null ? null : dataset.getValue().id(),
                tag.getValue() == null ? null : tag.getValue().id(),
                rule.getValue(),
                minScore.getValue() == null ? null : minScore.getValue().floatValue(),
                maxScore.getValue() == null ? null : maxScore.getValue().floatValue());
    }

    QueueOrder order() {
        return order.getValue() == null ? QueueOrder.FLAGGED : order.getValue();
    }
}
