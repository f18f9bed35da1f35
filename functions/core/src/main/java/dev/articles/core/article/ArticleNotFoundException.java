package dev.articles.core.article;

/** No article has this id or slug (or it is not of their form), or none that the reader may see. */
public final class ArticleNotFoundException extends RuntimeException {

    public ArticleNotFoundException(String id) {
        this("id", id);
    }

    private ArticleNotFoundException(String key, String value) {
        super("There is no article with " + key + " " + value + ".", null, false, false);
    }

    public static ArticleNotFoundException withSlug(String slug) {
        return new ArticleNotFoundException("slug", slug);
    }
}
