package shoptwin.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What a Supabase project's database has that a fresh PostgreSQL lacks (docs: STACK.md, "A database
 * shaped like Supabase"; Supabase's own set-up: supabase/postgres migrations/db), so that the suite
 * meets the roles, schemas, extensions and default privileges a shop's real project has.
 *
 * <ul>
 *   <li>roles {@code anon}, {@code authenticated} (the public Data API keys), {@code service_role}
 *       (bypassrls), all nologin noinherit; {@code authenticator} (login noinherit, member of the three,
 *       as PostgREST logs in);</li>
 *   <li>{@link #OWNER}, the owner ShopTwin connects as, shaped like Supabase's {@code postgres}: not a
 *       superuser, createdb createrole replication bypassrls, member of the three API roles (so it can
 *       {@code set role anon}, as the SQL editor can), owner of the database (and so of schema public);</li>
 *   <li>schema {@code extensions} with pg_trgm, pgcrypto and uuid-ossp installed there by the superuser
 *       (pg_trgm as the dashboard installs it when someone enables it); schemas {@code auth} (with
 *       {@code auth.uid()}, {@code auth.role()}, {@code auth.jwt()} reading the JWT settings PostgREST
 *       sets), {@code storage} and {@code realtime};</li>
 *   <li>the database's search path {@code "$user", public, extensions};</li>
 *   <li>default privileges: every table, sequence and function the owner creates in {@code public} is
 *       granted to {@code anon}, {@code authenticated} and {@code service_role}.</li>
 * </ul>
 *
 * Roles are cluster-wide and the embedded cluster is shared by the JVM, so they are created only if
 * missing. Everything per database is built once into a template database that each test database
 * copies ({@code create database ... template}); the search path, a per-database setting that a
 * template does not carry, is set on each copy.
 */
public final class SupabaseShape {
    /** The owner role (Supabase's {@code postgres}; the embedded cluster's superuser already has that name). */
    public static final String OWNER = "project_owner";
    public static final List<String> API_ROLES = List.of("anon", "authenticated", "service_role");
    public static final String SEARCH_PATH = "\"$user\", public, extensions";

    private SupabaseShape() {
    }

    /**
     * Creates a Supabase-shaped database {@code name} on a cluster a test owns (one it restarts, say),
     * as that cluster's superuser; connect to it as {@link #OWNER}. The shared cluster uses a template instead.
     */
    public static void createDatabase(String clusterUrl, java.util.Properties superuser, String name) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(clusterUrl, superuser); Statement s = c.createStatement()) {
            ensureRoles(c);
            s.execute("create database " + name + " owner " + OWNER);
            finish(s, name);
        }
        try (Connection c = java.sql.DriverManager.getConnection(clusterUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name), superuser)) {
            buildInto(c);
        }
    }

    /** Creates the cluster-wide roles that do not exist yet. Run as a superuser. */
    static void ensureRoles(Connection superuser) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute("""
                    do $$
                    begin
                        if not exists (select from pg_roles where rolname = 'anon') then
                            create role anon nologin noinherit;
                        end if;
                        if not exists (select from pg_roles where rolname = 'authenticated') then
                            create role authenticated nologin noinherit;
                        end if;
                        if not exists (select from pg_roles where rolname = 'service_role') then
                            create role service_role nologin noinherit bypassrls;
                        end if;
                        if not exists (select from pg_roles where rolname = 'authenticator') then
                            create role authenticator login noinherit;
                        end if;
                        if not exists (select from pg_roles where rolname = '%1$s') then
                            create role %1$s login nosuperuser createdb createrole replication bypassrls;
                        end if;
                    exception when duplicate_object then
                        null; -- another JVM on an external cluster created it meanwhile
                    end
                    $$""".formatted(OWNER));
            s.execute("grant anon, authenticated, service_role to authenticator");
            s.execute("grant anon, authenticated, service_role to " + OWNER + " with admin option");
        }
    }

    /** Builds the per-database shape into the database the superuser connection is in (the template). */
    static void buildInto(Connection superuser) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            for (String schema : List.of("extensions", "auth", "storage", "realtime")) {
                s.execute("create schema if not exists " + schema);
            }
            s.execute("create extension if not exists pg_trgm with schema extensions");
            s.execute("create extension if not exists pgcrypto with schema extensions");
            s.execute("create extension if not exists \"uuid-ossp\" with schema extensions");

            // as Supabase's auth schema defines them: the Data API sets these per request
            s.execute("""
                    create or replace function auth.uid() returns uuid language sql stable as $$
                        select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                                        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
                    $$""");
            s.execute("""
                    create or replace function auth.role() returns text language sql stable as $$
                        select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                                        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
                    $$""");
            s.execute("""
                    create or replace function auth.jwt() returns jsonb language sql stable as $$
                        select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                                        nullif(current_setting('request.jwt.claims', true), ''))::jsonb
                    $$""");

            String api = String.join(", ", API_ROLES);
            s.execute("grant usage on schema public to " + api);
            s.execute("grant usage on schema extensions, auth, storage, realtime to " + api);
            s.execute("grant all on schema extensions to " + OWNER);
            s.execute("grant usage on schema auth, storage, realtime to " + OWNER);
            for (String kind : List.of("tables", "sequences", "functions")) {
                s.execute("alter default privileges for role " + OWNER + " in schema public grant all on " + kind + " to " + api);
            }
        }
    }

    /** Per-database settings a template does not carry. Run as a superuser (or the owner). */
    static void finish(Statement superuser, String database) throws SQLException {
        superuser.execute("alter database " + database + " set search_path = " + SEARCH_PATH);
    }
}
