package dev.articles.http;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.routes.ChangesExpiredException;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.core.idempotency.IdempotencyKeyReusedException;
import dev.articles.core.routes.NotAllowedException;
import dev.articles.core.routes.PreconditionFailedException;
import dev.articles.core.routes.UnauthenticatedException;
import dev.articles.core.search.SearchDisabledException;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.SlugTakenException;
import dev.articles.core.store.StoreUnavailableException;
import java.util.List;
import java.util.Map;

/**
 * The one place the domain's and the store's exceptions become Problem Details: they name what went wrong,
 * this names the HTTP answer.
 */
public final class DomainProblems {

    /** Seconds a client should wait before retrying: DynamoDB throttling, or a key still in progress. */
    static final String RETRY_AFTER_SECONDS = "1";

    /** How to turn search on, for the 501 of a deployment that has it off. */
    static final String SEARCH_DISABLED_DETAIL = "Search is off in this deployment: deploy with the template parameter "
            + "Search=enabled, or locally `infra/serve --parameter Search=enabled`.";

    private DomainProblems() {}

    /** The answer to a failure, or null for one that is not a broken rule (a bug: 500). */
    public static ProblemException of(RuntimeException failure) {
        return switch (failure) {
            case ProblemException e -> e;
            case InvalidInputException e -> ProblemException.invalid(switch (e.kind()) {
                case ARTICLE_FIELDS -> Problem.Type.VALIDATION_FAILED;
                case PARAMETERS -> Problem.Type.INVALID_PARAMETER;
            }, e.getMessage(), e.errors());
            case ArticleNotFoundException e -> new ProblemException(Problem.Type.NOT_FOUND, e.getMessage());
            case ArticleDeletedException e -> new ProblemException(Problem.Type.GONE, "This article was deleted.");
            case ChangesExpiredException e -> new ProblemException(Problem.Type.CHANGES_CURSOR_EXPIRED, e.getMessage());
            case UnauthenticatedException e -> new ProblemException(new Problem(Problem.Type.UNAUTHORIZED, e.getMessage()),
                    Map.of("WWW-Authenticate", "Bearer"));
            case NotAllowedException e -> new ProblemException(Problem.Type.FORBIDDEN, e.getMessage());
            case SlugTakenException e -> ProblemException.invalid(Problem.Type.SLUG_TAKEN, e.getMessage(),
                    List.of(new FieldError("slug", "belongs to another article")));
            case PreconditionFailedException e -> new ProblemException(Problem.Type.PRECONDITION_FAILED, e.getMessage());
            case IdempotencyKeyReusedException e -> new ProblemException(Problem.Type.IDEMPOTENCY_KEY_REUSED, e.getMessage());
            case IdempotencyKeyInProgressException e -> new ProblemException(
                    new Problem(Problem.Type.IDEMPOTENCY_IN_PROGRESS, e.getMessage()), Map.of("Retry-After", RETRY_AFTER_SECONDS));
            case StoreUnavailableException e -> new ProblemException(new Problem(Problem.Type.SERVICE_UNAVAILABLE,
                    "The article store is temporarily unavailable; nothing was changed. Retry later."),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
            case SearchDisabledException e -> new ProblemException(Problem.Type.SEARCH_DISABLED, SEARCH_DISABLED_DETAIL);
            default -> null;
        };
    }
}
