package dev.articles.jwt;

/**
 * A request the JWT authorizer turns away, before any function runs: 401 for a missing or invalid token,
 * 403 for a valid token without any of the route's scopes (API Gateway's statuses).
 */
public final class JwtRejectedException extends Exception {

    private final int status;

    JwtRejectedException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    static JwtRejectedException unauthorized(String reason) {
        return new JwtRejectedException(401, reason);
    }

    static JwtRejectedException forbidden(String reason) {
        return new JwtRejectedException(403, reason);
    }

    /** 401 or 403. */
    public int status() {
        return status;
    }

    /** Why, for the log; never for the client. */
    public String reason() {
        return getMessage();
    }
}
