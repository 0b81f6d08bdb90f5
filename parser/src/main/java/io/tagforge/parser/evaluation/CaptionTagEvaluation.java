package io.tagforge.parser.evaluation;

import io.tagforge.labelsystem.tag.TagKind;
import io.tagforge.labelsystem.vocabulary.TagMatch;
import io.tagforge.parser.caption.ParsedCaption;
import io.tagforge.parser.service.ParseService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How well a caption tagger finds an image's COCO categories: the union of the tags of the image's captions,
 * mapped to categories, against the categories with instances in the image.
 * <p>
 * Only COCO-MINI's train2017 images have instance annotations, so the held-out set is a part of them:
 * images sorted by id, the first half is the development set (the rules were tuned looking at it), the second
 * half held out.
 */
public final class CaptionTagEvaluation {

    public enum Split { DEVELOPMENT, HELD_OUT, ALL }

    private final CocoCategoryMap categories;

    public CaptionTagEvaluation(CocoCategoryMap categories) {
        this.categories = categories;
    }

    public static List<CocoImage> split(List<CocoImage> imagesById, Split split) {
        int half = imagesById.size() / 2;
        return switch (split) {
            case DEVELOPMENT -> imagesById.subList(0, half);
            case HELD_OUT -> imagesById.subList(half, imagesById.size());
            case ALL -> imagesById;
        };
    }

    /** One line of the comparison table. */
    public record Row(Split split, int images, String tagger, Score score) {
    }

    /** The taggers on the development and the held-out half (and on all): the table of the README. */
    public List<Row> compare(List<CocoImage> imagesById, Map<String, Function<String, ? extends Collection<String>>> taggers) {
        List<Row> rows = new ArrayList<>();
        for (Split split : List.of(Split.DEVELOPMENT, Split.HELD_OUT, Split.ALL)) {
            List<CocoImage> part = split(imagesById, split);
            taggers.forEach((name, tagger) -> rows.add(new Row(split, part.size(), name, score(part, tagger))));
        }
        return rows;
    }

    /**
     * The parser as a tagger of the images' captions: the tags of its non-negated object and scene mentions
     * (COCO's categories are things; "an orange cat" has no orange in it).
     */
    public static Map<String, List<String>> objectTags(ParseService service, List<CocoImage> images) {
        List<String> captions = images.stream().flatMap(i -> i.captions().stream()).distinct().toList();
        List<ParsedCaption> parsed = service.parseAll(captions);
        Map<String, List<String>> tags = new HashMap<>();
        for (int i = 0; i < captions.size(); i++) {
            tags.put(captions.get(i), parsed.get(i).tags(TagKind.OBJECT_SCENE).stream().map(TagMatch::tagName).toList());
        }
        return tags;
    }

    /** {@code tagger}: a caption's tag names. */
    public Score score(List<CocoImage> images, Function<String, ? extends Collection<String>> tagger) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (CocoImage image : images) {
            Set<String> tags = new HashSet<>();
            image.captions().forEach(c -> tags.addAll(tagger.apply(c)));
            Set<String> predicted = categories.categories(tags);
            for (String c : predicted) {
                if (image.categories().contains(c)) {
                    tp++;
                } else {
                    fp++;
                }
            }
            for (String c : image.categories()) {
                if (!predicted.contains(c)) {
                    fn++;
                }
            }
        }
        return new Score(tp, fp, fn);
    }
}
