package dev.articles.core.routes;

import static dev.articles.core.routes.Fixtures.EDITORS;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_GROUP;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_SCOPE;
import static dev.articles.core.routes.Fixtures.NO_TOKEN;
import static dev.articles.core.routes.Fixtures.OTHER;
import static dev.articles.core.routes.Fixtures.OWNER;
import static dev.articles.core.routes.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.store.StoredArticle;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EditorsTest {

    private static final Article ARTICLE = new Article("01JDQ8Z3V4K9T2X7M5N6P8R0SA", "t", Status.PUBLISHED, "t", null, "b", null, null, null,
            List.of(), T0, T0, T0);
    private static final StoredArticle OWNED = new StoredArticle(ARTICLE, 1, OWNER.sub());
    /** Created where writes were anonymous: no token is its creator. */
    private static final StoredArticle ANONYMOUS = new StoredArticle(ARTICLE, 1, null);

    @Test
    void theCreatorMayChangeItsArticle() {
        assertThatCode(() -> EDITORS.check(OWNER, OWNED)).doesNotThrowAnyException();
    }

    @Test
    void aTokenWithTheEditorScopeOrInTheEditorGroupMayChangeAnyArticle() {
        for (StoredArticle article : List.of(OWNED, ANONYMOUS)) {
            assertThatCode(() -> EDITORS.check(EDITOR_BY_SCOPE, article)).doesNotThrowAnyException();
            assertThatCode(() -> EDITORS.check(EDITOR_BY_GROUP, article)).doesNotThrowAnyException();
        }
    }

    @Test
    void anyOtherTokenMayNot() {
        assertThatThrownBy(() -> EDITORS.check(OTHER, OWNED)).isInstanceOf(NotAllowedException.class)
                .hasMessageContaining(ARTICLE.id());
        assertThatThrownBy(() -> EDITORS.check(OTHER, ANONYMOUS)).isInstanceOf(NotAllowedException.class);
        // The scope and group are matched whole: a prefix or another deployment's names are not the editor's.
        Caller lookalike = new Caller("x", null, Set.of("articles/edit-own", "articles"), Set.of("editors-2", "Editors"));
        assertThatThrownBy(() -> EDITORS.check(lookalike, OWNED)).isInstanceOf(NotAllowedException.class);
        assertThatThrownBy(() -> new Editors("news/edit", "desk").check(EDITOR_BY_SCOPE, OWNED)).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void withoutATokenAnyoneMayWherePublicWriteAccessAdmittedThem() {
        assertThatCode(() -> EDITORS.check(NO_TOKEN, OWNED)).doesNotThrowAnyException();
    }
}
