package io.tagforge.curation.security;

import jakarta.annotation.security.RolesAllowed;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates users and looks them up; managing users is the admin's job. */
@Service
public class UserAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public record Account(int id, String username, boolean enabled, List<String> roles) {
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public int create(String username, String password, Collection<String> roles) {
        return insert(username, password, roles);
    }

    @RolesAllowed(Roles.ADMIN)
    public List<Account> list() {
        return jdbc.sql("""
                        SELECT u.id, u.username, u.enabled,
                               coalesce(array_to_string(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), ','), '') AS roles
                          FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
                         GROUP BY u.id ORDER BY u.username""")
                .query((rs, n) -> new Account(rs.getInt("id"), rs.getString("username"), rs.getBoolean("enabled"),
                        rs.getString("roles").isEmpty() ? List.of() : List.of(rs.getString("roles").split(","))))
                .list();
    }

    /** Creates the first admin when no user exists yet; false when there already are users. */
    @Transactional
    boolean createFirstAdmin(String username, String password) {
        // one app instance at a time does this; the lock keeps two starting together from both creating one
        jdbc.sql("LOCK TABLE app_user IN EXCLUSIVE MODE").update();
        if (jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single() > 0) {
            return false;
        }
        insert(username, password, Set.of(Roles.ADMIN, Roles.CURATOR, Roles.ANNOTATOR));
        return true;
    }

    /** The id of a user by name, for tables that record who did something. */
    public int idOf(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username).query(Integer.class)
                .optional().orElseThrow(() -> new IllegalStateException("No user " + username));
    }

    private int insert(String username, String password, Collection<String> roles) {
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("A password needs at least 8 characters");
        }
        int id = jdbc.sql("INSERT INTO app_user (username, password_hash) VALUES (?, ?) RETURNING id")
                .params(username, encoder.encode(password)).query(Integer.class).single();
        for (String role : Set.copyOf(roles)) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, role).update();
        }
        return id;
    }
}
