package dev.customtls.spi.dropin;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;

/**
 * Entry point of the child JVM of {@link DropInTest}: prints which provider serves the default
 * {@code SSLContext} and a plain {@code SSLContext.getInstance("TLS")}, one {@code key=value} per line.
 */
public final class DropInMain {

    private DropInMain() {
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        System.out.println("default=" + SSLContext.getDefault().getProvider().getName());
        System.out.println("tls=" + SSLContext.getInstance("TLS").getProvider().getName());
        System.out.println("tls13=" + SSLContext.getInstance("TLSv1.3").getProvider().getName());
    }
}
