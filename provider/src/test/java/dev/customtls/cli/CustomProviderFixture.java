package dev.customtls.cli;

import java.security.Security;

/**
 * Removes the {@code Custom} provider again after a test class that made the command line install it, so
 * later test classes in the same JVM see the provider list they expect.
 */
final class CustomProviderFixture {

    private final boolean installedBefore = Security.getProvider(ProviderSelector.CUSTOM) != null;

    void restore() {
        if (!installedBefore) {
            Security.removeProvider(ProviderSelector.CUSTOM);
        }
    }
}
