package dev.articles.core.store;

import dev.articles.core.article.Publication;

/**
 * What a preview list asks for: the list's filters, where the articles stand ({@code publication}, null for all),
 * and whose articles ({@code createdBy}, a token's {@code sub}; null for everyone's, an editor's view).
 */
public record PreviewFilter(ListFilter list, Publication publication, String createdBy) implements PageFilter {

    @Override
    public String canonical() {
        return "preview\n" + list.canonical() + "\n" + ListFilter.part(publication == null ? null : publication.json())
                + "\n" + ListFilter.part(createdBy);
    }
}
