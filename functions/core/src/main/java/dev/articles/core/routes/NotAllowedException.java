package dev.articles.core.routes;

/** A valid token that is neither the article's creator nor an editor's tried to change it. */
public final class NotAllowedException extends RuntimeException {

    public NotAllowedException(String id) {
        super("Only the creator of article " + id + " or an editor may change it.", null, false, false);
    }
}
