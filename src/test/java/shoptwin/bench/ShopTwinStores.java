package shoptwin.bench;

import shoptwin.config.MongoSettings;
import shoptwin.store.ShopStore;
import shoptwin.store.postgres.Database;

/** The console's stores, as the app builds them: PostgreSQL (read-write) and the MongoDB copy (read-only). */
final class ShopTwinStores {
    private ShopTwinStores() {
    }

    static ShopStore postgres(Database db) {
        throw new UnsupportedOperationException("PostgresShopStore is not on main yet");
    }

    static ShopStore mongo(MongoSettings copy) {
        throw new UnsupportedOperationException("MongoShopStore is not on main yet");
    }
}
