package shoptwin.store.copy;

import java.util.Arrays;
import java.util.List;

/** A mirrored table and its MongoDB collection (the old web app's collection names). */
public enum MirrorTable {
    SHOP("shop", "shops", "Shop"),
    CUSTOMERS("customers", "customers", "Customer"),
    PAYMENTS("payments", "payments", "Payment");

    /** Parent tables first: the order a restore inserts in (and the reverse is the delete order). */
    public static final List<MirrorTable> IN_DEPENDENCY_ORDER = List.of(SHOP, CUSTOMERS, PAYMENTS);

    private final String tableName;
    private final String collectionName;
    private final String noun;

    MirrorTable(String tableName, String collectionName, String noun) {
        this.tableName = tableName;
        this.collectionName = collectionName;
        this.noun = noun;
    }

    /** The table in schema public. */
    public String tableName() {
        return tableName;
    }

    public String qualifiedTableName() {
        return "public." + tableName;
    }

    public String collectionName() {
        return collectionName;
    }

    /** "Customer", for log lines like {@code [DB Sync] Customer created in MongoDB: <uuid>}. */
    public String noun() {
        return noun;
    }

    public static MirrorTable ofTableName(String tableName) {
        return Arrays.stream(values()).filter(t -> t.tableName.equals(tableName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a mirrored table: " + tableName));
    }
}
