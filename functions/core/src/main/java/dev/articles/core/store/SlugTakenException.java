package dev.articles.core.store;

/** The slug a client chose is another article's (drafts and scheduled ones included): nothing was written. */
public final class SlugTakenException extends RuntimeException {

    private final String slug;

    public SlugTakenException(String slug) {
        super("The slug " + slug + " belongs to another article; choose another, or send none to have one derived from the title.",
                null, false, false);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
