package dev.customtls.crypto.jdk;

import dev.customtls.crypto.MlKem768;

import javax.crypto.SecretKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * ML-KEM-768 with the JDK's own implementation (JDK 24 and later: {@code KeyPairGenerator "ML-KEM-768"} and
 * {@code javax.crypto.KEM}), reached through method handles because the provider compiles for Java 17. Raw keys
 * travel inside a fixed X.509 SubjectPublicKeyInfo header, learnt from a generated key.
 */
public final class JdkMlKem768 implements MlKem768 {

    // KeyPairGenerator, KeyFactory and KEM objects are not documented as thread-safe: one of each per thread.
    private final ThreadLocal<KeyPairGenerator> generator = ThreadLocal.withInitial(() -> jca(() ->
            KeyPairGenerator.getInstance("ML-KEM-768")));
    private final ThreadLocal<KeyFactory> keyFactory = ThreadLocal.withInitial(() -> jca(() ->
            KeyFactory.getInstance("ML-KEM")));
    private final ThreadLocal<Object> kem;
    private final byte[] spkiPrefix;
    private final MethodHandle newEncapsulator;
    private final MethodHandle encapsulate;
    private final MethodHandle key;
    private final MethodHandle encapsulation;
    private final MethodHandle newDecapsulator;
    private final MethodHandle decapsulate;

    private JdkMlKem768() throws ReflectiveOperationException, java.security.GeneralSecurityException {
        byte[] spki = KeyPairGenerator.getInstance("ML-KEM-768").generateKeyPair().getPublic().getEncoded();
        if (spki.length <= ENCAPSULATION_KEY) {
            throw new java.security.GeneralSecurityException("unexpected ML-KEM-768 public key encoding");
        }
        spkiPrefix = Arrays.copyOf(spki, spki.length - ENCAPSULATION_KEY);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> kemClass = Class.forName("javax.crypto.KEM");
        Class<?> encapsulatorClass = Class.forName("javax.crypto.KEM$Encapsulator");
        Class<?> decapsulatorClass = Class.forName("javax.crypto.KEM$Decapsulator");
        Class<?> encapsulatedClass = Class.forName("javax.crypto.KEM$Encapsulated");
        MethodHandle getInstance = lookup.findStatic(kemClass, "getInstance",
                MethodType.methodType(kemClass, String.class));
        kem = ThreadLocal.withInitial(() -> {
            try {
                return getInstance.invoke("ML-KEM");
            } catch (Throwable e) {
                throw new IllegalStateException("javax.crypto.KEM ML-KEM unavailable", e);
            }
        });
        newEncapsulator = lookup.findVirtual(kemClass, "newEncapsulator",
                MethodType.methodType(encapsulatorClass, PublicKey.class));
        encapsulate = lookup.findVirtual(encapsulatorClass, "encapsulate", MethodType.methodType(encapsulatedClass));
        key = lookup.findVirtual(encapsulatedClass, "key", MethodType.methodType(SecretKey.class));
        encapsulation = lookup.findVirtual(encapsulatedClass, "encapsulation", MethodType.methodType(byte[].class));
        newDecapsulator = lookup.findVirtual(kemClass, "newDecapsulator",
                MethodType.methodType(decapsulatorClass, PrivateKey.class));
        decapsulate = lookup.findVirtual(decapsulatorClass, "decapsulate",
                MethodType.methodType(SecretKey.class, byte[].class));
        // A round trip before anything relies on it.
        GeneratedKey k = generate();
        Encapsulation e = encapsulate(k.encapsulationKey());
        if (!Arrays.equals(e.secret(), k.decapsulator().decapsulate(e.ciphertext()))) {
            throw new java.security.GeneralSecurityException("ML-KEM-768 round trip failed");
        }
    }

    /** The JDK's ML-KEM-768, or null on a JDK without it (before 24). */
    public static JdkMlKem768 createIfAvailable() {
        try {
            return new JdkMlKem768();
        } catch (Throwable e) {
            return null;
        }
    }

    @Override
    public GeneratedKey generate() {
        KeyPair kp = generator.get().generateKeyPair();
        byte[] spki = kp.getPublic().getEncoded();
        byte[] ek = Arrays.copyOfRange(spki, spki.length - ENCAPSULATION_KEY, spki.length);
        PrivateKey privateKey = kp.getPrivate();
        return new GeneratedKey(ek, ciphertext -> {
            try {
                Object d = newDecapsulator.invoke(kem.get(), privateKey);
                return ((SecretKey) decapsulate.invoke(d, ciphertext)).getEncoded();
            } catch (Throwable e) {
                throw new IllegalStateException("ML-KEM-768 decapsulation failed", e);
            }
        });
    }

    @Override
    public Encapsulation encapsulate(byte[] encapsulationKey) {
        try {
            byte[] spki = Arrays.copyOf(spkiPrefix, spkiPrefix.length + encapsulationKey.length);
            System.arraycopy(encapsulationKey, 0, spki, spkiPrefix.length, encapsulationKey.length);
            PublicKey publicKey = keyFactory.get().generatePublic(new X509EncodedKeySpec(spki));
            Object encapsulated = encapsulate.invoke(newEncapsulator.invoke(kem.get(), publicKey));
            return new Encapsulation((byte[]) encapsulation.invoke(encapsulated),
                    ((SecretKey) key.invoke(encapsulated)).getEncoded());
        } catch (Throwable e) {
            throw new IllegalStateException("ML-KEM-768 encapsulation failed", e);
        }
    }

    private interface JcaFactory<T> {
        T create() throws java.security.GeneralSecurityException;
    }

    private static <T> T jca(JcaFactory<T> f) {
        try {
            return f.create();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("ML-KEM unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "JdkMlKem768";
    }
}
