package io.drainboard.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The theme is loaded compiled, with the same rules as its CSS (docs/benchmarks.md, startup). */
class ThemeTest {
    @Test
    void bothThemesAreLoadedCompiledWithTheRulesOfTheirCss() throws Exception {
        for (atlantafx.base.theme.Theme t : List.of(new PrimerDark(), new PrimerLight())) {
            String used = Theme.stylesheet(t);
            assertTrue(used.endsWith(".bss"), used);
            Stylesheet compiled = Stylesheet.loadBinary(resource(used));
            Stylesheet parsed = new CssParser().parse(resource(t.getUserAgentStylesheet()));
            assertEquals(selectors(parsed), selectors(compiled), t.getName());
        }
    }

    @Test
    void aThemeWithoutACompiledFormIsLoadedFromItsCss() {
        atlantafx.base.theme.Theme plain = atlantafx.base.theme.Theme.of("plain", new PrimerDark().getUserAgentStylesheet(), true);
        assertEquals(new PrimerDark().getUserAgentStylesheet(), Theme.stylesheet(plain));
    }

    private static URL resource(String path) {
        URL url = Theme.class.getResource(path);
        assertNotNull(url, path);
        return url;
    }

    private static List<String> selectors(Stylesheet s) {
        return s.getRules().stream().map(Rule::getSelectors).map(Object::toString).toList();
    }
}
