package io.tagforge.engine.report;

import io.tagforge.labelsystem.error.TagforgeException;

/** A report asked for something that is not there; {@code field} names what (dataset, release). */
public final class ReportException extends TagforgeException {

    private final String field;

    public ReportException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
