/* portico user add: a person in an organization, optionally with a role. */
#include "cli/cli.h"
#include "core/input.h"
#include "lib/ids.h"
#include "lib/password.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *email, *name, *password, *role;
} user_opts;

static int on_option(void *ctx, int opt, const char *arg) {
    user_opts *o = ctx;
    switch (opt) {
    case 'e': o->email = arg; return 0;
    case 'n': o->name = arg; return 0;
    case 'p': o->password = arg; return 0;
    case 'r': o->role = arg; return 0;
    default: return -1;
    }
}

static int add_user(const cli_command *self, store *st, const store_org *org, const user_opts *o, const char *email) {
    json_t *role = NULL, *user = NULL;
    if (o->role && store_role_find(st, org->id, o->role, &role) != STORE_OK)
        return cli_fail(self, "no role named \"%s\" in \"%s\"", o->role, org->name);
    char hash[PASSWORD_HASH_LEN];
    store_user_fields f = {.name = o->name, .email = email, .password_hash = o->password ? hash : NULL};
    store_status s = o->password && password_hash(o->password, hash) != 0 ? STORE_ERROR : STORE_OK;
    if (s == STORE_OK) s = store_user_create(st, org->id, &f, &user);
    if (s == STORE_OK && role) {
        json_t *ids = json_pack("[O]", json_object_get(user, "id"));
        s = store_role_members_change(st, org->id, json_string_value(json_object_get(role, "id")), ids, 1, NULL);
        json_decref(ids);
    }
    int rc = EXIT_OK;
    if (s == STORE_CONFLICT) rc = cli_fail(self, "a user with the e-mail %s already exists in \"%s\"", email, org->name);
    else if (s != STORE_OK) rc = cli_fail(self, "cannot add the user: %s", store_status_name(s));
    else printf("{\"id\": \"%s\", \"email\": \"%s\"}\n", json_string_value(json_object_get(user, "id")), email);
    json_decref(role);
    json_decref(user);
    return rc;
}

static int run_user(int argc, char **argv, const cli_command *self) {
    static const struct option own[] = {
        {"email", required_argument, NULL, 'e'},    {"name", required_argument, NULL, 'n'},
        {"password", required_argument, NULL, 'p'}, {"role", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    const char *what = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
    user_opts o = {0};
    cli_common common = {0};
    int rc = cli_parse(what ? argc - 1 : argc, what ? argv + 1 : argv, self, own, "", on_option, &o, &common);
    if (rc >= 0) return rc;
    if (!what || strcmp(what, "add")) return cli_usage_error(self, "the only action is add");
    if (!o.email || !o.name) return cli_usage_error(self, "user add needs --email EMAIL and --name NAME");
    field_errors errs;
    field_errors_init(&errs);
    char email[256];
    input_lowercase(o.email, email, sizeof email);
    if (input_check_email("--email", email, &errs) != 0 || input_check_name("--name", o.name, &errs) != 0 ||
        (o.password && input_check_password("--password", o.password, &errs) != 0))
        return cli_usage_error(self, "%s", errs.items[0].message);
    store *st;
    rc = cli_open_store(self, &common, 1, &st);
    if (rc >= 0) return rc;
    store_org org;
    rc = cli_find_org(self, st, &common, &org);
    if (rc < 0) rc = add_user(self, st, &org, &o, email);
    store_close(st);
    return rc;
}

const cli_command cmd_user = {
    "user", "add a person to an organization",
    "usage: portico user add --email EMAIL --name NAME [--password PW] [--role ROLE] [--org NAME]\n"
    "                        [--data DIR | --database URL]\n\n"
    "Adds a user (who also gets the org's default Employee role); --role gives one more role by name.\n"
    "Without --password the user cannot log in until a password is set through the API.\n",
    run_user,
};
