package dev.articles.searchnode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchNodeProcessTest {

    @Test
    void startsTheNodeClassByItsName() {
        assertThat(SearchNodeProcess.MAIN_CLASS).isEqualTo(SearchNode.class.getName());
    }
}
