package dev.customtls.cli;

import dev.customtls.pki.TestPki;

import java.security.Provider;
import java.util.Locale;

/**
 * {@code demo}: a local client and server (the provider on both sides) with a fresh test CA, printing the
 * handshake step by step as it happens, then a request and a response, then a summary.
 */
final class DemoCommand implements Command {

    private final OptionTable options = TlsOptions.addTo(new OptionTable("demo")
            .value("--key-type", "T", "server key: ec-p256 (default), ec-p384, rsa-2048, ed25519"));

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String arguments() {
        return "";
    }

    @Override
    public String summary() {
        return "local client and server, handshake traced step by step (no files needed)";
    }

    @Override
    public OptionTable options() {
        return options;
    }

    @Override
    public int run(ParsedArgs args, Terminal terminal) throws UsageException, CommandException, InterruptedException {
        args.expectAtMostPositional(0, name());
        TestPki.KeyType keyType = keyType(args.value("--key-type", "ec-p256"));
        Provider provider = TlsOptions.provider(args);
        new DemoRun(provider, keyType, args, new TraceLog(terminal.out())).run();
        return 0;
    }

    private static TestPki.KeyType keyType(String text) throws UsageException {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (TestPki.KeyType t : TestPki.KeyType.values()) {
            if (t.name().equals(normal)) {
                return t;
            }
        }
        throw new UsageException("unknown --key-type " + text + " (ec-p256, ec-p384, rsa-2048, ed25519)");
    }
}
