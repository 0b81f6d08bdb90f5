package io.tagforge.curation.security;

import io.tagforge.labelsystem.error.TagforgeException;

/** A user account change that is refused; {@code field} names what to fix (username, password, roles, enabled). */
public final class AccountException extends TagforgeException {

    private final String field;

    public AccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
