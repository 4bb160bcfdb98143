package shoptwin.config;

import com.mongodb.MongoClientSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS options of MONGODB_URI that the Java driver does not act on by itself. {@code tls=true} and
 * {@code mongodb+srv://} (TLS on by default, as MongoDB Atlas needs) work through the connection
 * string; Atlas's certificates chain to public CAs the JVM already trusts. {@code tlsCAFile=/path/ca.pem}
 * (a self-hosted MongoDB with its own CA) is ignored by the Java driver, so ShopTwin builds the
 * trust itself: the certificates in that PEM file, and only those, are trusted.
 */
public final class MongoTls {
    private MongoTls() {
    }

    /** The tlsCAFile named in the URI, if any. */
    public static Optional<Path> caFile(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : uri.substring(q + 1).split("[&;]")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase("tlsCAFile")) {
                String value = URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
                return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
            }
        }
        return Optional.empty();
    }

    /** Refuses tls/ssl values other than true/false and an unreadable tlsCAFile, naming MONGODB_URI. */
    static void check(String uri) {
        int q = uri.indexOf('?');
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("[&;]")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1).toLowerCase(Locale.ROOT);
                if ((key.equalsIgnoreCase("tls") || key.equalsIgnoreCase("ssl")) && !value.equals("true") && !value.equals("false")) {
                    throw new InvalidSettingException(Settings.MONGODB_URI, "tls",
                            Settings.MONGODB_URI + " has " + key + "=" + Secrets.mask(value) + ": use " + key + "=true or " + key + "=false.");
                }
            }
        }
        caFile(uri).ifPresent(file -> {
            if (!Files.isReadable(file)) {
                throw new InvalidSettingException(Settings.MONGODB_URI, "tls_ca_file",
                        Settings.MONGODB_URI + " names tlsCAFile=" + file + ", which cannot be read.");
            }
        });
    }

    /** Applies tlsCAFile (when the URI has one) to client settings built from the same URI. */
    public static MongoClientSettings.Builder apply(MongoClientSettings.Builder builder, String uri) {
        Optional<Path> file = caFile(uri);
        if (file.isEmpty()) {
            return builder;
        }
        SSLContext context = trusting(file.get());
        return builder.applyToSslSettings(b -> b.enabled(true).context(context));
    }

    /** An SSL context that trusts exactly the certificates in a PEM file. */
    static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new InvalidSettingException(Settings.MONGODB_URI, "tls_ca_file",
                        Settings.MONGODB_URI + " names tlsCAFile=" + pemFile + ", which holds no certificate.");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(Settings.MONGODB_URI, "tls_ca_file",
                    Settings.MONGODB_URI + " names tlsCAFile=" + pemFile + ", which cannot be used: " + e.getMessage());
        }
    }
}
