package dev.articles.core.store;

import dev.articles.core.article.Article;

/**
 * An article with what the store keeps beside it.
 *
 * @param version   1 for a new article, one more with every edit that changes something; every edit and delete
 *                  is conditional on it (0 for an article stored before versions)
 * @param createdBy the {@code sub} of the token that created it, null when writes were anonymous; never shown
 */
public record StoredArticle(Article article, long version, String createdBy) {}
