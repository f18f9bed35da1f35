package dev.articles.core.routes;

/** A changes cursor older than the deletions the feed remembers: the client must sync again from the start. */
public final class ChangesExpiredException extends RuntimeException {

    public ChangesExpiredException() {
        super("This cursor is older than the " + ChangesFeed.REMEMBERED.toDays() + " days of deletions the feed remembers;"
                + " sync again from the start, without a cursor.", null, false, false);
    }
}
