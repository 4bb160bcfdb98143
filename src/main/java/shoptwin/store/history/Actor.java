package shoptwin.store.history;

import java.util.Locale;

/**
 * Who made a change, as the capture trigger recorded it (docs/history.md, "Who"): the staff name a ShopTwin
 * console or command set for its transaction ({@code staff}, {@code host}, {@code via}), the PostgreSQL role
 * that wrote ({@code user}: the role set with SET ROLE, else the login), {@code application_name}
 * ({@code app}), and for a write through Supabase's Data API the JWT's {@code sub}, {@code role} and
 * {@code email}. Any of them may be null. {@link #label()} is what a person reads.
 */
public record Actor(String staff, String host, String via, String user, String app, String sub, String role, String email) {
    public static final Actor UNKNOWN = new Actor(null, null, null, null, null, null, null, null);

    /**
     * The label, decided in this order (the rules and their limits are in docs/history.md):
     * <ol>
     * <li>a staff name: "Asha (console on SHOP-PC)";
     * <li>a JWT or a Data API role ({@code anon}, {@code authenticated}, {@code service_role}), or PostgREST's
     * application name: "web app (service_role)", "web app: ravi@shop.example (authenticated)";
     * <li>Supabase Studio (its SQL editor and table editor run through postgres-meta): "Supabase Studio (postgres)";
     * <li>otherwise the application and the role: "psql (postgres)", "SQL (postgres)" when it named no application.
     * </ol>
     */
    public String label() {
        if (staff != null) {
            String how = via == null ? "" : via;
            String where = host == null ? "" : (how.isEmpty() ? "on " : " on ") + host;
            return how.isEmpty() && where.isEmpty() ? staff : staff + " (" + how + where + ")";
        }
        String apiRole = role != null ? role : isDataApiRole(user) ? user : null;
        String appName = app == null ? "" : app.toLowerCase(Locale.ROOT);
        if (apiRole != null || sub != null || appName.startsWith("postgrest")) {
            String who = email != null ? email : sub != null ? "user " + sub : null;
            String as = apiRole != null ? apiRole : user != null ? user : "unknown role";
            return "web app" + (who == null ? "" : ": " + who) + " (" + as + ")";
        }
        String as = user == null ? "unknown role" : user;
        if (appName.startsWith("postgres-meta") || appName.contains("supabase studio") || appName.startsWith("supabase/dashboard")) {
            return "Supabase Studio (" + as + ")";
        }
        if (user == null && app == null) {
            return "unknown (recorded before ShopTwin kept who)";
        }
        return (app == null || app.isBlank() ? "SQL" : app) + " (" + as + ")";
    }

    private static boolean isDataApiRole(String role) {
        return "anon".equals(role) || "authenticated".equals(role) || "service_role".equals(role);
    }

    @Override
    public String toString() {
        return label();
    }
}
