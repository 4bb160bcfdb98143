package shoptwin.bench;

import shoptwin.config.MongoSettings;
import shoptwin.store.ShopStore;
import shoptwin.store.mongo.MongoShopStore;
import shoptwin.store.postgres.Database;
import shoptwin.store.postgres.PostgresShopStore;

/** The console's stores, as the app builds them: PostgreSQL (read-write) and the MongoDB copy (read-only). */
final class ShopTwinStores {
    private ShopTwinStores() {
    }

    static ShopStore postgres(Database db) {
        return new PostgresShopStore(db, false);
    }

    static ShopStore mongo(MongoSettings copy) {
        return MongoShopStore.open(copy);
    }
}
