package dev.customtls.jsse;

import java.security.Security;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs an action with system and security properties set, then puts the previous values back. */
public final class TemporaryProperties {

    private TemporaryProperties() {
    }

    public static <T> T with(Map<String, String> system, Callable<T> action) throws Exception {
        return with(system, Map.of(), action);
    }

    public static <T> T with(Map<String, String> system, Map<String, String> security, Callable<T> action) throws Exception {
        Map<String, String> oldSystem = new HashMap<>();
        Map<String, String> oldSecurity = new HashMap<>();
        system.forEach((k, v) -> oldSystem.put(k, System.setProperty(k, v)));
        security.forEach((k, v) -> {
            oldSecurity.put(k, Security.getProperty(k));
            Security.setProperty(k, v);
        });
        try {
            return action.call();
        } finally {
            oldSystem.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
            // Security properties cannot be removed: the JDK's value (or empty) goes back.
            oldSecurity.forEach((k, v) -> Security.setProperty(k, v == null ? "" : v));
        }
    }
}
