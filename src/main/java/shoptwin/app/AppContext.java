package shoptwin.app;

import java.util.function.Consumer;
import shoptwin.store.ShopStore;

/**
 * Everything the console runs on, wired by hand in one place: the primary store (PostgreSQL /
 * Supabase), the read-only backup store (the MongoDB copy), the mirror, the connection monitor,
 * and in demo mode the embedded databases. Built off the FX thread; closed on exit.
 *
 * <p>(Skeleton: the demo/failover work fills it in.)
 */
public final class AppContext implements AutoCloseable {
    private final ShopStore primaryStore;
    private final boolean demo;

    private AppContext(ShopStore primaryStore, boolean demo) {
        this.primaryStore = primaryStore;
        this.demo = demo;
    }

    /**
     * Reads the configuration (environment, .env files, settings file); with no Supabase configured
     * starts the embedded demo databases. Blocks: call it off the FX thread. {@code progress}
     * receives short human messages ("Starting the demo database…").
     */
    public static AppContext startFromEnvironment(Consumer<String> progress) {
        throw new UnsupportedOperationException("not wired yet");
    }

    public ShopStore primaryStore() {
        return primaryStore;
    }

    public boolean isDemo() {
        return demo;
    }

    @Override
    public void close() {
        primaryStore.close();
    }
}
