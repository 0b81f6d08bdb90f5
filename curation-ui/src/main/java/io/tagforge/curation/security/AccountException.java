package io.tagforge.curation.security;

/** A user account change that is refused; {@code field} names what to fix (username, password, roles, enabled). */
public final class AccountException extends RuntimeException {

    private final String field;

    public AccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
