package dev.articles.core.store;

/** What a page of a list was asked with; a cursor is bound to it, so it only continues the list it came from. */
public interface PageFilter {

    /** A stable text form: filters that normalise alike give the same text. */
    String canonical();
}
