package io.tagforge.labelsystem.tag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/** Where merged tags went: A merged into B merged into C... read once, followed in memory. */
public final class MergeChains {

    /** a chain longer than this is a cycle */
    private static final int MAX_LENGTH = 64;

    private final Map<Integer, Integer> mergedInto;

    private MergeChains(Map<Integer, Integer> mergedInto) {
        this.mergedInto = mergedInto;
    }

    public static MergeChains load(Connection c) throws SQLException {
        Map<Integer, Integer> merged = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, merged_into FROM tag WHERE merged_into IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                merged.put(rs.getInt(1), rs.getInt(2));
            }
        }
        return new MergeChains(merged);
    }

    /** The first tag from {@code tagId} itself along its merge chain that is {@code wanted}, or null. */
    public Integer firstOnChain(int tagId, IntPredicate wanted) {
        Integer tag = tagId;
        for (int hop = 0; tag != null && hop <= MAX_LENGTH; hop++) {
            if (wanted.test(tag)) {
                return tag;
            }
            tag = mergedInto.get(tag);
        }
        return null;
    }
}
