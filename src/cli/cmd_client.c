/* portico client add: an OAuth client for scripts and the official SDKs. */
#include "cli/cli.h"
#include "lib/ids.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *name, *role;
} client_opts;

static int on_option(void *ctx, int opt, const char *arg) {
    client_opts *o = ctx;
    if (opt == 'n') o->name = arg;
    else if (opt == 'r') o->role = arg;
    else return -1;
    return 0;
}

static int add_client(const cli_command *self, store *st, const store_org *org, const client_opts *o) {
    json_t *role = NULL;
    if (store_role_find(st, org->id, o->role, &role) != STORE_OK)
        return cli_fail(self, "no role named \"%s\" in \"%s\"", o->role, org->name);
    char secret[SECRET_HEX_LEN + 1], hash[TOKEN_HASH_HEX_LEN + 1], id[40];
    ids_secret(secret);
    ids_token_hash(secret, hash); /* 256 random bits: a fast hash is enough */
    json_t *roles = json_pack("[O]", json_object_get(role, "id"));
    store_status s = store_client_create(st, org->id, o->name, hash, roles, id);
    json_decref(roles);
    json_decref(role);
    if (s != STORE_OK) return cli_fail(self, "cannot add the client: %s", store_status_name(s));
    printf("{\"clientId\": \"%s\", \"clientSecret\": \"%s\"}\n", id, secret);
    return EXIT_OK;
}

static int run_client(int argc, char **argv, const cli_command *self) {
    static const struct option own[] = {
        {"name", required_argument, NULL, 'n'},
        {"role", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    const char *what = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
    client_opts o = {0};
    cli_common common = {0};
    int rc = cli_parse(what ? argc - 1 : argc, what ? argv + 1 : argv, self, own, "", on_option, &o, &common);
    if (rc >= 0) return rc;
    if (!what || strcmp(what, "add")) return cli_usage_error(self, "the only action is add");
    if (!o.name || !o.role) return cli_usage_error(self, "client add needs --name NAME and --role ROLE");
    store *st;
    rc = cli_open_store(self, &common, 1, &st);
    if (rc >= 0) return rc;
    store_org org;
    rc = cli_find_org(self, st, &common, &org);
    if (rc < 0) rc = add_client(self, st, &org, &o);
    store_close(st);
    return rc;
}

const cli_command cmd_client = {
    "client", "add an OAuth client (client credentials) holding a role",
    "usage: portico client add --name NAME --role ROLE [--org NAME] [--data DIR | --database URL]\n\n"
    "Prints {\"clientId\": ..., \"clientSecret\": ...} as JSON; the secret is shown only once.\n"
    "Tokens from POST /oauth/token act with the client's role.\n",
    run_client,
};
