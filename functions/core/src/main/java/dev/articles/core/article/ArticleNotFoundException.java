package dev.articles.core.article;

/** No article has this id (or the id is not of an article id's form). */
public final class ArticleNotFoundException extends RuntimeException {

    public ArticleNotFoundException(String id) {
        super("There is no article with id " + id + ".", null, false, false);
    }
}
