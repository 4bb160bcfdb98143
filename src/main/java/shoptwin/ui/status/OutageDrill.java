package shoptwin.ui.status;

import shoptwin.demo.DemoEnvironment;

/**
 * The demo's outage drill: stop and start the embedded databases so a person can watch the backlog
 * grow, the failover banner appear and everything recover. Methods block: call them off the FX thread.
 */
public interface OutageDrill {
    boolean isSupabaseRunning();

    void stopSupabase();

    void startSupabase();

    boolean isMongoRunning();

    void stopMongo();

    void startMongo();

    static OutageDrill of(DemoEnvironment demo) {
        return new OutageDrill() {
            @Override
            public boolean isSupabaseRunning() {
                return demo.isPostgresRunning();
            }

            @Override
            public void stopSupabase() {
                demo.stopPostgres();
            }

            @Override
            public void startSupabase() {
                demo.startPostgres();
            }

            @Override
            public boolean isMongoRunning() {
                return demo.isMongoRunning();
            }

            @Override
            public void stopMongo() {
                demo.stopMongo();
            }

            @Override
            public void startMongo() {
                demo.startMongo();
            }
        };
    }
}
