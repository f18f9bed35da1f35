package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where one tag entry lives: {@code pk = TAG#<tag>}, {@code sk = <listSk>#<author>} ({@code <listSk>} without an
 * author). The author is part of the key so that an edit that changes the author has two entries, one in each
 * ByTagAuthor partition, for the old and the new version: a single item cannot be in both, and between the
 * commit and its move one list or the other would lack the article. Items written before articles had versions
 * (version 0) keep {@code sk = <listSk>}.
 */
record EntryKey(String pk, String sk) {

    /**
     * The keys of every tag entry one version of an article has, in tag order: none for a draft, which no public
     * list shows (a scheduled article has its entries; public lists stop their Query at now).
     */
    static Set<EntryKey> of(Article article, long version) {
        Set<EntryKey> keys = new LinkedHashSet<>();
        if (article.status() == Status.DRAFT) {
            return keys;
        }
        for (String tag : article.tags()) {
            keys.add(of(article, version, tag));
        }
        return keys;
    }

    static EntryKey of(Article article, long version, String tag) {
        String listSk = Keys.listSk(article);
        return new EntryKey(Keys.tag(tag), version == 0 ? listSk : sk(listSk, article.author()));
    }

    /** The sort key of a versioned article's tag entry. */
    static String sk(String listSk, String author) {
        return author == null ? listSk : listSk + "#" + author;
    }

    static EntryKey of(Map<String, AttributeValue> item) {
        return new EntryKey(item.get(Keys.PK).s(), item.get(Keys.SK).s());
    }

    Map<String, AttributeValue> item() {
        return Map.of(Keys.PK, AttributeValue.fromS(pk), Keys.SK, AttributeValue.fromS(sk));
    }
}
