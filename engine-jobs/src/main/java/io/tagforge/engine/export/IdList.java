package io.tagforge.engine.export;

import java.util.Arrays;

/** A reusable list of training IDs that ends up sorted and without repeats, as the JSON lists are written. */
final class IdList {

    private int[] ids = new int[16];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int id) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
        }
        ids[size++] = id;
    }

    /** Sorts and drops repeats (an image may hold a tag from several captions and sources). */
    void sortUnique() {
        Arrays.sort(ids, 0, size);
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (n == 0 || ids[n - 1] != ids[i]) {
                ids[n++] = ids[i];
            }
        }
        size = n;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return ids[i];
    }
}
