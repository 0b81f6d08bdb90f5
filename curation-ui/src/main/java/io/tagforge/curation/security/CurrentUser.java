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

    public int id() {
        return accounts.idOf(name());
    }
}
