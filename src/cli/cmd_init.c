/* portico init: a new installation with one org and its first admin. */
#include "cli/cli.h"
#include "core/builtin_roles.h"
#include "core/field_errors.h"
#include "core/input.h"
#include "lib/ids.h"
#include "lib/password.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *email, *password, *name;
} init_opts;

static int on_option(void *ctx, int opt, const char *arg) {
    init_opts *o = ctx;
    if (opt == 'e') o->email = arg;
    else if (opt == 'p') o->password = arg;
    else return -1;
    return 0;
}

/* Creates the admin user holding Master Admin. */
static store_status create_admin(store *st, const store_org *org, const char *email, const char *password) {
    char hash[PASSWORD_HASH_LEN];
    if (password_hash(password, hash) != 0) return STORE_ERROR;
    store_user_fields f = {.name = "Administrator", .email = email, .password_hash = hash};
    json_t *user = NULL, *role = NULL;
    store_status s = store_user_create(st, org->id, &f, &user);
    if (s == STORE_OK) s = store_role_find(st, org->id, MASTER_ADMIN_ROLE, &role);
    if (s == STORE_OK) {
        json_t *ids = json_pack("[O]", json_object_get(user, "id"));
        s = store_role_members_change(st, org->id, json_string_value(json_object_get(role, "id")), ids, 1, NULL);
        json_decref(ids);
    }
    json_decref(user);
    json_decref(role);
    return s;
}

static int initialise(const cli_command *self, store *st, const cli_common *common, init_opts *o, char *email) {
    store_org org;
    store_status s = store_org_first(st, &org);
    if (s == STORE_OK) {
        printf("portico init: %s is already initialised (organization \"%s\"); nothing changed\n", common->shown, org.name);
        return EXIT_OK;
    }
    if (s != STORE_NOT_FOUND) return cli_fail(self, "cannot read the database: %s", store_status_name(s));
    char generated[SECRET_HEX_LEN + 1];
    if (!o->password) {
        ids_secret(generated);
        generated[20] = '\0'; /* 80 random bits, easy to type */
        o->password = generated;
    }
    json_t *roles = builtin_roles();
    s = store_org_create(st, o->name, 3, roles, &org);
    json_decref(roles);
    if (s == STORE_OK) s = store_org_license(st, org.id, "clientapps", 1);
    if (s == STORE_OK) s = create_admin(st, &org, email, o->password);
    if (s != STORE_OK) return cli_fail(self, "cannot initialise %s: %s", common->shown, store_status_name(s));
    printf("Initialised %s: organization \"%s\" (subscription level 3, license clientapps).\n", common->shown, org.name);
    printf("Admin e-mail:    %s\n", email);
    if (o->password == generated) printf("Admin password:  %s   (shown once: keep it)\n", generated);
    return EXIT_OK;
}

static int run_init(int argc, char **argv, const cli_command *self) {
    static const struct option own[] = {
        {"admin-email", required_argument, NULL, 'e'},
        {"admin-password", required_argument, NULL, 'p'},
        {0, 0, 0, 0},
    };
    const char *env_password = getenv("PORTICO_ADMIN_PASSWORD");
    init_opts o = {.password = env_password && *env_password ? env_password : NULL}; /* set but empty: unset */
    cli_common common = {0};
    int rc = cli_parse(argc, argv, self, own, "", on_option, &o, &common);
    if (rc >= 0) return rc;
    o.name = common.org ? common.org : "Default";
    if (!o.email) return cli_usage_error(self, "--admin-email is required");
    field_errors errs;
    field_errors_init(&errs);
    char email[256];
    input_lowercase(o.email, email, sizeof email);
    if (input_check_email("--admin-email", email, &errs) != 0 ||
        (o.password && input_check_password("--admin-password", o.password, &errs) != 0) ||
        input_check_name("--org", o.name, &errs) != 0)
        return cli_usage_error(self, "%s", errs.items[0].message);
    store *st;
    rc = cli_open_store(self, &common, 1, &st);
    if (rc >= 0) return rc;
    rc = initialise(self, st, &common, &o, email);
    store_close(st);
    return rc;
}

const cli_command cmd_init = {
    "init", "create the database, a default organization and its first admin",
    "usage: portico init --admin-email EMAIL [--admin-password PW] [--org NAME] [--data DIR | --database URL]\n\n"
    "Creates the database, an organization (subscription level 3, licensed for the built-in\n"
    "Custom Client Application), its Master Admin and Employee roles, and the first admin.\n"
    "The password may also come from PORTICO_ADMIN_PASSWORD; without either, one is generated\n"
    "and printed once. Running it again on an initialised database changes nothing.\n\n"
    "  --admin-email EMAIL     the first admin's e-mail (login name)\n"
    "  --admin-password PW     the first admin's password (8 to 256 characters)\n"
    "  --org NAME              the organization's name (default: Default)\n"
    "  --data DIR              data folder for the embedded SQLite database (default: ./var)\n"
    "  --database URL          a database URL instead of --data\n",
    run_init,
};
