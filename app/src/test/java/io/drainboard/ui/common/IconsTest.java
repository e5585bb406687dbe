package io.drainboard.ui.common;

import org.junit.jupiter.api.Test;
import org.kordamp.ikonli.IkonHandler;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IconsTest {
    /** A wrong literal throws only when the node is built, at 3 a.m.; check them all here. */
    @Test
    void everyIconExistsInTheMaterialDesign2Pack() throws Exception {
        for (Field f : Icons.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) continue;
            String literal = (String) f.get(null);
            IkonHandler handler = ServiceLoader.load(IkonHandler.class).stream().map(ServiceLoader.Provider::get)
                    .filter(h -> h.supports(literal)).findFirst().orElse(null);
            assertTrue(handler != null, f.getName() + " = " + literal + ": no icon pack handles it");
            assertDoesNotThrow(() -> handler.resolve(literal), f.getName() + " = " + literal);
        }
    }
}
