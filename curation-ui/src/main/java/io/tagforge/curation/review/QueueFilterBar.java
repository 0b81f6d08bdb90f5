package io.tagforge.curation.review;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import io.tagforge.curation.review.QueueChoices.Choice;
import java.util.List;

/** Dataset, tag, flag rule and score range of a review queue; calls back whenever one changes. */
class QueueFilterBar extends HorizontalLayout {

    private static final List<Integer> RULES = List.of(-1, 0, 1, 2);

    final ComboBox<Choice> dataset = new ComboBox<>("Dataset");
    final ComboBox<Choice> tag = new ComboBox<>("Tag");
    final Select<Integer> rule = new Select<>();
    final NumberField minScore = new NumberField("Score from");
    final NumberField maxScore = new NumberField("to");

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
        rule.setItems(RULES);
        rule.setValue(-1);
        rule.setItemLabelGenerator(r -> r < 0 ? "any" : new ReviewItem.QueueEntry(0, 0, 0, 0, "", null, r).flagRuleName());
        for (NumberField f : List.of(minScore, maxScore)) {
            f.setMin(0);
            f.setMax(1);
            f.setStep(0.05);
            f.setWidth("7em");
            f.setClearButtonVisible(true);
        }
        add(dataset, tag, rule, minScore, maxScore);
        dataset.addValueChangeListener(e -> onChange.run());
        tag.addValueChangeListener(e -> onChange.run());
        rule.addValueChangeListener(e -> onChange.run());
        minScore.addValueChangeListener(e -> onChange.run());
        maxScore.addValueChangeListener(e -> onChange.run());
    }

    ReviewFilter filter() {
        return new ReviewFilter(
                dataset.getValue() == null ? null : dataset.getValue().id(),
                tag.getValue() == null ? null : tag.getValue().id(),
                rule.getValue() == null || rule.getValue() < 0 ? null : rule.getValue(),
                minScore.getValue() == null ? null : minScore.getValue().floatValue(),
                maxScore.getValue() == null ? null : maxScore.getValue().floatValue());
    }
}
