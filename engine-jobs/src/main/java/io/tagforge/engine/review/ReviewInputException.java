package io.tagforge.engine.review;

/** What was asked for names something that does not exist or is not allowed: {@code field: problem}. */
public class ReviewInputException extends ReviewException {

    public ReviewInputException(String field, String problem) {
        super(field + ": " + problem);
    }
}
