package shoptwin.config;

import java.util.Objects;

/** How to reach the MongoDB copy. The URI may hold a password: toString and describe mask it. */
public record MongoSettings(String uri, String database) {
    public static final String DEFAULT_DATABASE = "shop-management";

    public MongoSettings {
        Objects.requireNonNull(uri, "uri");
        database = database == null || database.isBlank() ? DEFAULT_DATABASE : database;
    }

    public String describe() {
        return Secrets.mask(uri) + " / " + database;
    }

    @Override
    public String toString() {
        return "MongoSettings[" + describe() + "]";
    }
}
