/* The PostgreSQL schema: the same numbered migrations as schema_sqlite.c,
 * table for table and column for column (`portico migrate` copies every
 * SQLite column into the column of the same name here), with PostgreSQL's
 * types: ids are TEXT (UUIDs as text, as the API shows them), times BIGINT
 * milliseconds since the epoch, flags SMALLINT 0/1 with a CHECK, JSON
 * documents TEXT exactly as accepted. PostgreSQL does not index the
 * referencing side of a foreign key by itself, so every FK column that is
 * looked up or cascaded on has an index.
 *
 * Every migration added to schema_sqlite.c must be added here too, with the
 * same number and the same tables and columns. */
#include "store/db.h"

const db_migration postgres_migrations[] = {
    {1,
     "CREATE TABLE orgs ("
     "  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
     "  level SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 3),"
     "  revision BIGINT NOT NULL DEFAULT 1, created_at BIGINT NOT NULL);"
     "CREATE TABLE org_licenses ("
     "  org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE, license TEXT NOT NULL,"
     "  PRIMARY KEY (org_id, license));"
     "CREATE TABLE users ("
     "  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  name TEXT NOT NULL, email TEXT NOT NULL, password_hash TEXT,"
     "  language_tag TEXT NOT NULL DEFAULT 'en-us', version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
     "  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (org_id, email));"
     "CREATE TABLE roles ("
     "  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', policies TEXT NOT NULL,"
     "  builtin SMALLINT NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),"
     "  is_default SMALLINT NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
     "  created_at BIGINT NOT NULL, UNIQUE (org_id, name));"
     "CREATE TABLE user_roles ("
     "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
     "  role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE, PRIMARY KEY (user_id, role_id));"
     "CREATE INDEX user_roles_role ON user_roles(role_id);"
     "CREATE TABLE org_groups ("
     "  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  name TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('official','social','distribution')),"
     "  description TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),"
     "  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (org_id, name));"
     "CREATE TABLE group_members ("
     "  group_id TEXT NOT NULL REFERENCES org_groups(id) ON DELETE CASCADE,"
     "  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE, PRIMARY KEY (group_id, user_id));"
     "CREATE INDEX group_members_user ON group_members(user_id);"
     "CREATE TABLE oauth_clients ("
     "  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  name TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at BIGINT NOT NULL);"
     "CREATE INDEX oauth_clients_org ON oauth_clients(org_id);"
     "CREATE TABLE client_roles ("
     "  client_id TEXT NOT NULL REFERENCES oauth_clients(id) ON DELETE CASCADE,"
     "  role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE, PRIMARY KEY (client_id, role_id));"
     "CREATE INDEX client_roles_role ON client_roles(role_id);"
     "CREATE TABLE sessions ("
     "  token_hash TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,"
     "  client_id TEXT REFERENCES oauth_clients(id) ON DELETE CASCADE,"
     "  csrf_token TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);"
     "CREATE INDEX sessions_org ON sessions(org_id);"
     "CREATE INDEX sessions_user ON sessions(user_id);"
     "CREATE INDEX sessions_client ON sessions(client_id);"
     "CREATE INDEX sessions_expiry ON sessions(expires_at);"
     "CREATE TABLE login_failures ("
     "  key TEXT PRIMARY KEY, failures INTEGER NOT NULL CHECK (failures >= 0), last_at BIGINT NOT NULL);"
     "CREATE TABLE integration_types ("
     "  id TEXT PRIMARY KEY, manifest TEXT NOT NULL, created_at BIGINT NOT NULL);"
     "CREATE TABLE integrations ("
     "  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  type_id TEXT NOT NULL, name TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '',"
     "  intended_state TEXT NOT NULL CHECK (intended_state IN ('ENABLED','DISABLED')),"
     "  reported_code TEXT NOT NULL, reported_at BIGINT NOT NULL,"
     "  config_version INTEGER NOT NULL CHECK (config_version >= 1), properties TEXT NOT NULL, advanced TEXT NOT NULL,"
     "  config_notes TEXT NOT NULL DEFAULT '', credentials TEXT NOT NULL,"
     "  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);"
     "CREATE INDEX integrations_org ON integrations(org_id, name, id);"
     "CREATE TABLE integration_roles ("
     "  integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,"
     "  role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,"
     "  PRIMARY KEY (integration_id, role_id));"
     "CREATE INDEX integration_roles_role ON integration_roles(role_id);"
     "CREATE TABLE config_history ("
     "  integration_id TEXT NOT NULL REFERENCES integrations(id) ON DELETE CASCADE,"
     "  version INTEGER NOT NULL, name TEXT NOT NULL, properties TEXT NOT NULL,"
     "  advanced TEXT NOT NULL, notes TEXT NOT NULL, credentials TEXT NOT NULL,"
     "  changed_by TEXT NOT NULL, changed_at BIGINT NOT NULL, PRIMARY KEY (integration_id, version));"
     "CREATE TABLE audit_events ("
     "  id TEXT PRIMARY KEY, org_id TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,"
     "  at BIGINT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,"
     "  action TEXT NOT NULL, entity_type TEXT NOT NULL, entity_id TEXT NOT NULL,"
     "  entity_name TEXT NOT NULL, before_doc TEXT, after_doc TEXT);"
     "CREATE INDEX audit_events_org ON audit_events(org_id, at);"},
    /* SQLite's version 2 adds the indexes created above; here they already exist. */
    {2,
     "CREATE INDEX IF NOT EXISTS oauth_clients_org ON oauth_clients(org_id);"
     "CREATE INDEX IF NOT EXISTS client_roles_role ON client_roles(role_id);"
     "CREATE INDEX IF NOT EXISTS sessions_org ON sessions(org_id);"
     "CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);"
     "CREATE INDEX IF NOT EXISTS sessions_client ON sessions(client_id);"
     "CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions(expires_at);"
     "CREATE INDEX IF NOT EXISTS integration_roles_role ON integration_roles(role_id);"},
    /* principals_revision: bumped by changes to who a caller is that do not
     * change what anyone sees (a logout, a user's name, e-mail or language), so
     * that a cached principal is checked against the org's row alone. */
    {3, "ALTER TABLE orgs ADD COLUMN principals_revision BIGINT NOT NULL DEFAULT 1"},
    {0, NULL},
};
