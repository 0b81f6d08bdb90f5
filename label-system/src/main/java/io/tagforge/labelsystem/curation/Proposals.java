package io.tagforge.labelsystem.curation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** synonym_proposal rows as the curation service reads and decides them. */
final class Proposals {

    private static final String COLUMNS = "id, target_tag, source_tag, form, evidence::text, confidence, state";

    private Proposals() {
    }

    static SynonymProposal lockOpen(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", decided_by FROM synonym_proposal "
                + "WHERE id = ? FOR UPDATE")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CurationException("no synonym proposal " + id);
                }
                SynonymProposal p = proposal(rs);
                if (!p.state().equals("PROPOSED")) {
                    throw new ConcurrentEditException("proposal " + id + " was already " + p.state().toLowerCase()
                            + " by " + rs.getString(8));
                }
                return p;
            }
        }
    }

    static void decide(Connection c, int id, String state, String actor) throws SQLException {
        TagRecord.update(c, "UPDATE synonym_proposal SET state = ?, decided_by = ?, decided_at = now() WHERE id = ?",
                state, actor, id);
    }

    static void reopen(Connection c, int id) throws SQLException {
        TagRecord.update(c, "UPDATE synonym_proposal SET state = 'PROPOSED', decided_by = NULL, decided_at = NULL "
                + "WHERE id = ?", id);
    }

    static List<SynonymProposal> open(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM synonym_proposal "
                + "WHERE state = 'PROPOSED' ORDER BY confidence DESC, id LIMIT ?")) {
            ps.setInt(1, limit);
            List<SynonymProposal> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(proposal(rs));
                }
            }
            return result;
        }
    }

    private static SynonymProposal proposal(ResultSet rs) throws SQLException {
        return new SynonymProposal(rs.getInt(1), rs.getInt(2), (Integer) rs.getObject(3), rs.getString(4),
                rs.getString(5), rs.getFloat(6), rs.getString(7));
    }
}
