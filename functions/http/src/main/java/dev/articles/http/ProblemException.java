package dev.articles.http;

import dev.articles.core.FieldError;
import java.util.List;
import java.util.Map;

/** Ends a request with a Problem Details answer; thrown where a request breaks a rule of the contract. */
public final class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(Problem.Type type, String detail) {
        this(new Problem(type, detail), Map.of());
    }

    public static ProblemException invalid(Problem.Type type, String detail, List<FieldError> errors) {
        return new ProblemException(new Problem(type, detail, errors), Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
