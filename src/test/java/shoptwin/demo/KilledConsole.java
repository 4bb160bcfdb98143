package shoptwin.demo;

import java.nio.file.Path;

/** Run in a child JVM by a test that kills it: a console that dies without closing its demo databases. */
public final class KilledConsole {
    private KilledConsole() {
    }

    public static void main(String[] args) throws Exception {
        DemoEnvironment demo = DemoEnvironment.start(Path.of(args[0]), m -> { });
        System.out.println("READY " + demo.postgresPort());
        System.out.flush();
        // wait to be killed
        while (System.in.read() != -1) {
            Thread.onSpinWait();
        }
        demo.close();
    }
}
