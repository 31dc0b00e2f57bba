// SQLite's functions that the stores' SQL calls, made in each PostgreSQL database with the same
// names and meaning, so the SQL runs as written. Text in, text out, like SQLite's JSON.

export const COMPAT_SQL = `
CREATE OR REPLACE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT (doc::jsonb) #>> string_to_array(regexp_replace(regexp_replace(substr(path, 3), '\\[(\\d+)\\]', '.\\1', 'g'), '^\\.', ''), '.')
$$;
CREATE OR REPLACE FUNCTION json_extract_num(doc text, path text) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT json_extract(doc, path)::numeric
$$;
CREATE OR REPLACE FUNCTION json_each(doc text) RETURNS TABLE(key text, value text) LANGUAGE sql IMMUTABLE AS $$
  SELECT (e.n - 1)::text, e.v #>> '{}' FROM jsonb_array_elements(doc::jsonb) WITH ORDINALITY e(v, n) WHERE jsonb_typeof(doc::jsonb) = 'array'
  UNION ALL SELECT o.k, o.v #>> '{}' FROM jsonb_each(doc::jsonb) o(k, v) WHERE jsonb_typeof(doc::jsonb) = 'object'
$$;
CREATE OR REPLACE FUNCTION julianday(t text) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
  SELECT extract(epoch FROM (t::timestamptz)) / 86400.0 + 2440587.5
$$;
CREATE OR REPLACE FUNCTION instr(s text, sub text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT strpos(s, sub)::bigint $$;
CREATE OR REPLACE FUNCTION round(x double precision, d integer) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT round(x::numeric, d) $$;
CREATE OR REPLACE FUNCTION total_changes() RETURNS bigint LANGUAGE sql AS $$ SELECT 0::bigint $$;
-- SQLite counts truths with sum(a = b): a comparison is 0 or 1 there. NULL for no rows, as SQLite's sum.
CREATE OR REPLACE FUNCTION sum_truths(acc bigint, b boolean) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(acc, 0) + CASE WHEN b THEN 1 ELSE 0 END
$$;
DO $do$ BEGIN
  CREATE AGGREGATE sum(boolean) (SFUNC = sum_truths, STYPE = bigint);
EXCEPTION WHEN duplicate_function THEN NULL; END $do$;
-- group_concat(x): the non-null values joined with commas (string_agg under SQLite's name).
CREATE OR REPLACE FUNCTION group_concat_acc(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || ',' || v END
$$;
DO $do$ BEGIN
  CREATE AGGREGATE group_concat(text) (SFUNC = group_concat_acc, STYPE = text);
EXCEPTION WHEN duplicate_function THEN NULL; END $do$;
-- iif(c, a, b): SQLite's CASE WHEN c THEN a ELSE b END.
CREATE OR REPLACE FUNCTION iif(c boolean, a anycompatible, b anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN c THEN a ELSE b END $$;
-- date(time or julian day, '+N days' ...): SQLite's YYYY-MM-DD text, with the day modifiers the stores use.
CREATE OR REPLACE FUNCTION sqlite_day_shift(d timestamp, mods text[]) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE m text; BEGIN
  FOREACH m IN ARRAY coalesce(mods, '{}') LOOP
    IF m ~* '^\\s*[+-]?\\d+(\\.\\d+)?\\s+days?\\s*$' THEN d := d + (trim(regexp_replace(m, '\\s*days?\\s*$', '', 'i')) || ' days')::interval;
    ELSE RAISE EXCEPTION 'date(): modifier % is not ported to PostgreSQL (store/pg/compat.ts)', m; END IF;
  END LOOP;
  RETURN to_char(d, 'YYYY-MM-DD');
END $fn$;
CREATE OR REPLACE FUNCTION date(t text, VARIADIC mods text[] DEFAULT '{}') RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_day_shift((t::timestamptz AT TIME ZONE 'UTC'), mods)
$$;
CREATE OR REPLACE FUNCTION date(jd double precision, VARIADIC mods text[] DEFAULT '{}') RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT sqlite_day_shift((to_timestamp((jd - 2440587.5) * 86400.0) AT TIME ZONE 'UTC'), mods)
$$;
-- RAISE(ABORT, m) inside a trigger's expression (dialect.ts): fails the statement with m. Volatile, so
-- the planner never runs it ahead of the CASE branch it stands in.
CREATE OR REPLACE FUNCTION sqlite_raise(msg text) RETURNS text LANGUAGE plpgsql VOLATILE AS $fn$ BEGIN RAISE EXCEPTION '%', msg; END $fn$;
CREATE OR REPLACE FUNCTION packline_compat_3() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 3 $$;
CREATE OR REPLACE VIEW sqlite_master AS
  SELECT 'table'::text AS type, table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema();
`;

/** Casts that let SQLite's integer truth values stand where PostgreSQL wants a boolean (WHERE active, NOT done, sum(a = b)). */
export const CASTS_SQL = `
DO $$ BEGIN
  CREATE CAST (bigint AS boolean) WITH INOUT AS IMPLICIT;
EXCEPTION WHEN duplicate_object THEN NULL; WHEN insufficient_privilege THEN NULL; END $$;
`;
