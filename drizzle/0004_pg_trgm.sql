-- Trigram operator classes for the admin's substring search (ILIKE '%…%') on users.email and
-- users.name; the GIN indexes themselves are in 0005_admin_list_indexes. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the database owner may create it, and embedded-postgres, Neon,
-- Supabase and Vercel Postgres all ship it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
