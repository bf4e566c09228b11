/* The SQLite and PostgreSQL schemas must stay twins: the same numbered
 * migrations creating the same tables with the same columns (types and
 * indexes may differ). A migration added to one file only fails here, before
 * any PostgreSQL test runs. Also: how a database URL is shown in messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

extern const db_migration sqlite_migrations[];
extern const db_migration postgres_migrations[];

#define MAX_NAMES 512

/* "table.column" (or "table" for the table itself), collected from every migration. */
typedef struct {
    char names[MAX_NAMES][96];
    int n;
} name_set;

static void add_name(name_set *set, const char *table, const char *column, size_t column_len) {
    assert_true(set->n < MAX_NAMES);
    if (column) snprintf(set->names[set->n++], sizeof set->names[0], "%s.%.*s", table, (int)column_len, column);
    else snprintf(set->names[set->n++], sizeof set->names[0], "%s", table);
}

static const char *skip_space(const char *p) {
    while (isspace((unsigned char)*p)) p++;
    return p;
}

static size_t word_len(const char *p) {
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) || p[n] == '_') n++;
    return n;
}

static int starts_with_word(const char *p, const char *word) {
    size_t n = strlen(word);
    return strncasecmp(p, word, n) == 0 && !isalnum((unsigned char)p[n]) && p[n] != '_';
}

/* The columns of "CREATE TABLE name (...)": the first word of each top-level item that is not a constraint. */
static const char *add_table(name_set *set, const char *p) {
    p = skip_space(p + strlen("CREATE TABLE"));
    if (starts_with_word(p, "IF NOT EXISTS")) p = skip_space(p + strlen("IF NOT EXISTS"));
    char table[64];
    snprintf(table, sizeof table, "%.*s", (int)word_len(p), p);
    add_name(set, table, NULL, 0);
    p = strchr(p, '(');
    assert_non_null(p);
    int depth = 0, item_start = 1;
    for (p++; *p && depth >= 0; p++) {
        if (item_start) {
            p = skip_space(p);
            static const char *const constraints[] = {"PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT", NULL};
            int constraint = 0;
            for (int i = 0; constraints[i]; i++) constraint |= starts_with_word(p, constraints[i]);
            if (!constraint) add_name(set, table, p, word_len(p));
            item_start = 0;
        }
        if (*p == '(') depth++;
        else if (*p == ')') depth--;
        else if (*p == ',' && depth == 0) item_start = 1;
    }
    return p;
}

/* "ALTER TABLE name ADD COLUMN column ..." */
static const char *add_column(name_set *set, const char *p) {
    p = skip_space(p + strlen("ALTER TABLE"));
    char table[64];
    snprintf(table, sizeof table, "%.*s", (int)word_len(p), p);
    p = skip_space(p + word_len(p));
    if (starts_with_word(p, "ADD")) {
        p = skip_space(p + 3);
        if (starts_with_word(p, "COLUMN")) p = skip_space(p + 6);
        add_name(set, table, p, word_len(p));
    }
    return p;
}

static int by_name(const void *a, const void *b) { return strcmp(a, b); }

static void collect(const db_migration *migrations, name_set *set) {
    set->n = 0;
    for (const db_migration *m = migrations; m->version; m++)
        for (const char *p = m->sql; *p;) {
            if (strncasecmp(p, "CREATE TABLE", 12) == 0) p = add_table(set, p);
            else if (strncasecmp(p, "ALTER TABLE", 11) == 0) p = add_column(set, p);
            else p++;
        }
    qsort(set->names, (size_t)set->n, sizeof set->names[0], by_name);
}

static void the_same_migration_numbers(void **state) {
    (void)state;
    int i = 0;
    for (; sqlite_migrations[i].version && postgres_migrations[i].version; i++)
        assert_int_equal(sqlite_migrations[i].version, postgres_migrations[i].version);
    assert_int_equal(sqlite_migrations[i].version, 0); /* neither has one more */
    assert_int_equal(postgres_migrations[i].version, 0);
    assert_true(i >= 1);
}

static void the_same_tables_and_columns(void **state) {
    (void)state;
    static name_set sqlite, postgres;
    collect(sqlite_migrations, &sqlite);
    collect(postgres_migrations, &postgres);
    assert_true(sqlite.n > 20);
    for (int i = 0; i < sqlite.n || i < postgres.n; i++) {
        const char *a = i < sqlite.n ? sqlite.names[i] : "(none)";
        const char *b = i < postgres.n ? postgres.names[i] : "(none)";
        if (strcmp(a, b) != 0) fail_msg("schemas differ at %s (SQLite) / %s (PostgreSQL)", a, b);
    }
}

static void a_url_password_is_not_shown(void **state) {
    (void)state;
    char out[256];
    store_target_redacted("postgresql://portico:s3cret@db.internal:5432/portico", out, sizeof out);
    assert_string_equal(out, "postgresql://portico:***@db.internal:5432/portico");
    store_target_redacted("postgresql://portico@db.internal/portico", out, sizeof out);
    assert_string_equal(out, "postgresql://portico@db.internal/portico");
    store_target_redacted("postgresql://db.internal:5432/portico", out, sizeof out);
    assert_string_equal(out, "postgresql://db.internal:5432/portico");
    store_target_redacted("/srv/portico/portico.db", out, sizeof out);
    assert_string_equal(out, "/srv/portico/portico.db");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_migration_numbers),
        cmocka_unit_test(the_same_tables_and_columns),
        cmocka_unit_test(a_url_password_is_not_shown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
