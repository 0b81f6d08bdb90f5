package io.tagforge.parser.evaluation;

import java.util.List;
import java.util.Set;

/** One COCO image: its captions and the categories that have at least one instance in it. */
public record CocoImage(long id, List<String> captions, Set<String> categories) {
}
