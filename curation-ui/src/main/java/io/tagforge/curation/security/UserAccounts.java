package io.tagforge.curation.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tagforge.labelsystem.curation.AuditEntry;
import io.tagforge.labelsystem.curation.AuditEntryRepository;
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppUserRepository users;
    private final AuditEntryRepository auditLog;
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    UserAccounts(AppUserRepository users, AuditEntryRepository auditLog, JdbcClient jdbc, PasswordEncoder encoder) {
        this.users = users;
        this.auditLog = auditLog;
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    public record Account(int id, String username, boolean enabled, List<String> roles) {
    }

    private static final Set<String> ROLES = Set.of(Roles.ANNOTATOR, Roles.CURATOR, Roles.ADMIN);

    @RolesAllowed(Roles.ADMIN)
    @Transactional
    public int create(String username, String password, Collection<String> roles) {
        AppUser user = insert(username, password, roles);
        audit("create_user", user, null);
        return user.id();
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
        AppUser user = users.findById(userId)
                .orElseThrow(() -> new AccountException("username", "No user with id " + userId));
        String before = state(user);
        user.update(roles, enabled);
        users.flush();
        if (users.countEnabledWithRole(Roles.ADMIN) == 0) {
            throw new AccountException(enabled ? "roles" : "enabled",
                    "This would leave no enabled admin to manage users");
        }
        audit("update_user", user, before);
    }

    @RolesAllowed(Roles.ADMIN)
    @Transactional(readOnly = true)
    public List<Account> list() {
        return users.findAllByOrderByUsername().stream()
                .map(u -> new Account(u.id(), u.username(), u.enabled(), u.roles())).toList();
    }

    /** Creates the first admin when no user exists yet; false when there already are users. */
    @Transactional
    boolean createFirstAdmin(String username, String password) {
        // one app instance at a time does this; the lock keeps two starting together from both creating one
        jdbc.sql("LOCK TABLE app_user IN EXCLUSIVE MODE").update();
        if (users.count() > 0) {
            return false;
        }
        insert(username, password, Set.of(Roles.ADMIN, Roles.CURATOR, Roles.ANNOTATOR));
        return true;
    }

    /** The id of a user by name, for tables that record who did something. */
    public int idOf(String username) {
        return users.findByUsername(username).map(AppUser::id)
                .orElseThrow(() -> new IllegalStateException("No user " + username));
    }

    private AppUser insert(String username, String password, Collection<String> roles) {
        if (password == null || password.length() < 8) {
            throw new AccountException("password", "A password needs at least 8 characters");
        }
        requireRoles(roles);
        return users.saveAndFlush(new AppUser(username, encoder.encode(password), roles));
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
    private static String state(AppUser user) {
        ObjectNode state = JSON.createObjectNode().put("username", user.username()).put("enabled", user.enabled());
        user.roles().forEach(state.putArray("roles")::add);
        return state.toString();
    }

    private void audit(String action, AppUser user, String before) {
        auditLog.save(new AuditEntry(actor(), action, "app_user", user.id(), before, state(user)));
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
