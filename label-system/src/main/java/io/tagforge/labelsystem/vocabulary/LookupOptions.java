package io.tagforge.labelsystem.vocabulary;

/**
 * How far WordNet may carry a surface form to a tag.
 *
 * @param hypernymDepth   how many hypernym steps the back-off may climb (puppy → dog is 1); 0 turns it off
 * @param maxSurfaceSense how many of the surface's senses count, most frequent first (1 = first sense only)
 * @param maxNameSense    how many of a tag name's senses count (pavement is "sidewalk" only in its third sense)
 */
public record LookupOptions(int hypernymDepth, int maxSurfaceSense, int maxNameSense) {

    public LookupOptions {
        if (hypernymDepth < 0 || maxSurfaceSense < 1 || maxNameSense < 1) {
            throw new IllegalArgumentException("hypernymDepth >= 0, maxSurfaceSense >= 1 and maxNameSense >= 1, got "
                    + hypernymDepth + ", " + maxSurfaceSense + ", " + maxNameSense);
        }
    }

    /**
     * Two hypernym steps: a third reaches vague categories more often than near ones (countertop → surface, rack →
     * structure, harness → equipment; on COCO val2017 about 80 of the 130 mentions it added were wrong).
     */
    public static LookupOptions defaults() {
        return new LookupOptions(2, 2, 3);
    }

    public LookupOptions withHypernymDepth(int depth) {
        return new LookupOptions(depth, maxSurfaceSense, maxNameSense);
    }
}
