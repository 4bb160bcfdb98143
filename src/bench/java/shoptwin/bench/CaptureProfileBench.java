package shoptwin.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import shoptwin.store.postgres.Database;

/**
 * 3b. Where the capture time goes: the same insert with the capture trigger taken apart piece by piece
 * (one database per variant, measured round-robin), with non-durable and with durable commits.
 */
final class CaptureProfileBench {
    private CaptureProfileBench() {
    }

    record Variant(String label, String sql) {
    }

    static final String BODY_TEMPLATE = """
            create or replace function shoptwin.capture_change() returns trigger
                language plpgsql %s
            as $f$
            begin
                if tg_op = 'DELETE' then
                    insert into shoptwin.change_log (table_name, op, row_id, row_data)
                    values (tg_table_name, 'DELETE', old.id, jsonb_build_object('id', old.id));
                else
                    insert into shoptwin.change_log (table_name, op, row_id, row_data)
                    values (tg_table_name, tg_op, new.id, %s);
                end if;
                %s
                return null;
            end;
            $f$""";

    static String body(String attrs, String image, String notify) {
        return String.format(BODY_TEMPLATE, attrs, image, notify);
    }

    static List<Variant> variants() {
        String definer = "security definer set search_path = pg_catalog, pg_temp";
        String notify = "if not exists (select 1 from shoptwin.mirror_leader m where not m.wake_by_notify) then "
                + "perform pg_notify('shoptwin_change', ''); end if;";
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("no capture trigger (old design)", "off"));
        v.add(new Variant("capture as shipped (V13)", null));
        v.add(new Variant("… without pg_notify (and its check)", body(definer, "to_jsonb(new)", "")));
        v.add(new Variant("… without SET search_path (definer kept)", body("security definer", "to_jsonb(new)", notify)));
        v.add(new Variant("… without to_jsonb (key only)", body(definer, "jsonb_build_object('id', new.id)", notify)));
        v.add(new Variant("… without the changed_at index", "drop index shoptwin.change_log_changed_at_idx"));
        v.add(new Variant("… all four of the above removed together", body("", "jsonb_build_object('id', new.id)", "")
                + ";\ndrop index shoptwin.change_log_changed_at_idx"));
        v.add(new Variant("statement-level trigger (transition table), otherwise as shipped", STATEMENT_LEVEL));
        return v;
    }

    /** Capture of inserts by one statement-level trigger per statement instead of one call per row. */
    static final String STATEMENT_LEVEL = """
            create function shoptwin.capture_inserts() returns trigger
                language plpgsql security definer set search_path = pg_catalog, pg_temp
            as $f$
            begin
                insert into shoptwin.change_log (table_name, op, row_id, row_data)
                select tg_table_name, 'INSERT', n.id, to_jsonb(n) from new_rows n;
                if not exists (select 1 from shoptwin.mirror_leader m where not m.wake_by_notify) then
                    perform pg_notify('shoptwin_change', '');
                end if;
                return null;
            end;
            $f$;
            drop trigger customers_capture on public.customers;
            create trigger customers_capture_insert after insert on public.customers
                referencing new table as new_rows for each statement execute function shoptwin.capture_inserts()""";

    static void run(BenchEnv env, Scale scale, Report report) throws Exception {
        Report.Table table = new Report.Table("insert customer, one writer", "p50, synchronous_commit=off",
                "vs no capture", "p50, synchronous_commit=on (durable)", "vs no capture");
        List<Variant> variants = variants();
        int perVariant = Math.max(500, scale.captureOps() / 2);
        double[][] p50 = new double[2][variants.size()];
        for (int durable = 0; durable < 2; durable++) {
            List<Database> dbs = new ArrayList<>();
            List<CustomerWriter> writers = new ArrayList<>();
            try {
                for (Variant v : variants) {
                    Database db = env.freshPostgres("capture_profile", 2);
                    dbs.add(db);
                    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                        if ("off".equals(v.sql())) {
                            BenchEnv.disableCapture(db);
                        } else if (v.sql() != null) {
                            s.execute(v.sql());
                        }
                        s.execute("alter database " + c.getCatalog() + " set synchronous_commit = " + (durable == 1 ? "on" : "off"));
                    }
                    db.dataSource().getConnection().close();
                }
                // new connections pick up the database setting
                for (Database db : dbs) {
                    writers.add(new CustomerWriter(db.dataSource(), null, 7));
                }
                int ops = durable == 1 ? Math.max(300, perVariant / 3) : perVariant;
                long[][] lat = new long[variants.size()][ops];
                for (int i = 0; i < 300; i++) {
                    for (CustomerWriter w : writers) {
                        w.insert(UUID.randomUUID());
                    }
                }
                for (int i = 0; i < ops; i++) {
                    for (int k = 0; k < writers.size(); k++) {
                        int at = (k + i) % writers.size();
                        long t0 = System.nanoTime();
                        writers.get(at).insert(UUID.randomUUID());
                        lat[at][i] = System.nanoTime() - t0;
                    }
                }
                for (int k = 0; k < variants.size(); k++) {
                    p50[durable][k] = Stats.of(lat[k]).p(50);
                }
            } finally {
                for (CustomerWriter w : writers) {
                    w.close();
                }
                for (Database db : dbs) {
                    env.dropPostgres(db);
                }
            }
        }
        for (int k = 0; k < variants.size(); k++) {
            table.row(variants.get(k).label(), Stats.ms(p50[0][k]), pct(p50[0][k] / p50[0][0]),
                    Stats.ms(p50[1][k]), pct(p50[1][k] / p50[1][0]));
        }
        report.section("3b. Where the capture time goes")
                .text("The customer insert of section 3, interleaved round-robin over one database per variant of the"
                        + " capture trigger (each variant changes one thing from the shipped one, V13; the last removes four at once), with the server's non-durable"
                        + " commits (zonky's default) and with durable commits (`synchronous_commit = on`, as Supabase runs).")
                .table(table);
        capture = p50;
    }

    static double[][] capture;

    static String pct(double ratio) {
        return String.format(java.util.Locale.ROOT, "%+.0f%%", (ratio - 1) * 100);
    }
}
