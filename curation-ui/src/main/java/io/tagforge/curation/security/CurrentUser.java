package io.tagforge.curation.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The signed-in user's database id, for the rows that record who decided what. */
@Component
public class CurrentUser {

    private final UserAccounts accounts;

    public CurrentUser(UserAccounts accounts) {
        this.accounts = accounts;
    }

    public String name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new IllegalStateException("No user signed in");
        }
        return auth.getName();
    }

    /** Whether the signed-in user holds the role (one of {@link Roles}). */
    public boolean hasRole(String role) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + role));
    }

    public int id() {
        return accounts.idOf(name());
    }
}
