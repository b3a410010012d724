package dev.customtls.cli;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the JSSE provider named by {@code --provider}: an installed provider by name (e.g. {@code SunJSSE}),
 * our {@code Custom} provider (registered first, at position 1, when it is on the class path but not yet
 * installed), or any provider given by its class name.
 */
final class ProviderSelector {

    /** The name of our provider. */
    static final String CUSTOM = "Custom";

    /** The class of our provider, loaded by name so the command line works before it exists. */
    static final String CUSTOM_CLASS = "dev.customtls.jsse.CustomProvider";

    private ProviderSelector() {
    }

    /**
     * @param name a provider name or a fully qualified provider class name
     * @throws CommandException if no such provider can be found or loaded
     */
    static Provider select(String name) throws CommandException {
        Provider installed = Security.getProvider(name);
        if (installed != null) {
            return installed;
        }
        if (name.equals(CUSTOM)) {
            return install(CUSTOM_CLASS, "provider " + CUSTOM + " is not available: class " + CUSTOM_CLASS
                    + " is not on the class path (try --provider SunJSSE)");
        }
        if (name.contains(".")) {
            return install(name, "provider class " + name + " is not on the class path");
        }
        throw new CommandException("no security provider named '" + name + "' (installed: "
                + String.join(", ", installedNames()) + ")");
    }

    private static Provider install(String className, String missingMessage) throws CommandException {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CommandException(missingMessage);
        }
        Provider provider;
        try {
            provider = (Provider) type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new CommandException("cannot create provider " + className + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new CommandException("cannot create provider " + className + ": " + e, e);
        }
        Provider existing = Security.getProvider(provider.getName());
        if (existing != null) {
            return existing;
        }
        Security.insertProviderAt(provider, 1);
        return provider;
    }

    private static List<String> installedNames() {
        List<String> names = new ArrayList<>();
        for (Provider p : Security.getProviders()) {
            names.add(p.getName());
        }
        return names;
    }
}
