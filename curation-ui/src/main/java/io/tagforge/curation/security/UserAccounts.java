package io.tagforge.curation.security;

import jakarta.annotation.security.RolesAllowed;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates users, changes their roles, disables them, and looks them up; managing users is the admin's job. Every
 * user has a role (one without would land nowhere), and an enabled admin always remains.
 */
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

    private static final Set<String> ROLES = Set.of(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN);

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public int create(String username, String password, Collection<String> roles) {
        int id = insert(username, password, roles);
        audit("create_user", id, null, state(id));
        return id;
    }

    /**
     * Sets the user's roles and whether they may sign in, in one step; refused when no role is left, or when no
     * enabled admin would remain.
     */
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public void update(int userId, Collection<String> roles, boolean enabled) {
        requireRoles(roles);
        // locked: two admins demoting each other at once cannot both pass the last-admin check
        jdbc.sql("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE").update();
        if (jdbc.sql("SELECT count(*) FROM app_user WHERE id = ?").param(userId).query(Long.class).single() == 0) {
            throw new AccountException("username", "No user with id " + userId);
        }
        String before = state(userId);
        jdbc.sql("UPDATE app_user SET enabled = ? WHERE id = ?").params(enabled, userId).update();
        jdbc.sql("DELETE FROM user_role WHERE user_id = ?").param(userId).update();
        insertRoles(userId, roles);
        long admins = jdbc.sql("""
                        SELECT count(*) FROM app_user u JOIN user_role r ON r.user_id = u.id
                         WHERE u.enabled AND r.role = ?""").param(Roles.ADMIN).query(Long.class).single();
        if (admins == 0) {
            throw new AccountException(enabled ? "roles" : "enabled",
                    "This would leave no enabled admin to manage users");
        }
        audit("update_user", userId, before, state(userId));
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
            throw new AccountException("password", "A password needs at least 8 characters");
        }
        requireRoles(roles);
        int id = jdbc.sql("INSERT INTO app_user (username, password_hash) VALUES (?, ?) RETURNING id")
                .params(username, encoder.encode(password)).query(Integer.class).single();
        insertRoles(id, roles);
        return id;
    }

    private void insertRoles(int userId, Collection<String> roles) {
        for (String role : Set.copyOf(roles)) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(userId, role).update();
        }
    }

    private static void requireRoles(Collection<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new AccountException("roles", "Give the user at least one role: without one they could open no page");
        }
        for (String role : roles) {
            if (!ROLES.contains(role)) {
                throw new AccountException("roles", "No role " + role + "; roles are ANNOTATOR, CURATOR, ADMIN");
            }
        }
    }

    /** The account as the audit log keeps it: name, enabled, roles. */
    private String state(int userId) {
        return jdbc.sql("""
                        SELECT jsonb_build_object('username', u.username, 'enabled', u.enabled,
                               'roles', coalesce((SELECT jsonb_agg(role ORDER BY role) FROM user_role
                                                   WHERE user_id = u.id), '[]'))::text
                          FROM app_user u WHERE u.id = ?""").param(userId).query(String.class).single();
    }

    private void audit(String action, int userId, String before, String after) {
        jdbc.sql("""
                        INSERT INTO audit_log (actor, action, entity_type, entity_id, before, after)
                        VALUES (?, ?, 'app_user', ?, ?::jsonb, ?::jsonb)""")
                .params(actor(), action, String.valueOf(userId), before, after).update();
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
