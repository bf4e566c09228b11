/* portico org create|level|license|list: what the operator (the "sales
 * representative") controls: organizations, their level and licenses. */
#include "cli/cli.h"
#include "core/builtin_roles.h"
#include "core/input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name, *grant, *revoke;
    int level;
} org_opts;

static int on_option(void *ctx, int opt, const char *arg) {
    org_opts *o = ctx;
    char *end;
    switch (opt) {
    case 'n': o->name = arg; return 0;
    case 'g': o->grant = arg; return 0;
    case 'r': o->revoke = arg; return 0;
    case 'l':
        o->level = (int)strtol(arg, &end, 10);
        return *end || o->level < 1 || o->level > 3 ? -1 : 0;
    default: return -1;
    }
}

/* Prints doc (stolen) as one line of JSON: names may hold quotes or backslashes. */
static int print_json(const cli_command *self, json_t *doc) {
    char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!text) return cli_fail(self, "done, but cannot print the result as JSON");
    puts(text);
    free(text);
    return EXIT_OK;
}

/* Finds bad usage before the database is opened. Returns an exit code, or -1. */
static int check_usage(const cli_command *self, const char *what, const cli_common *common, const org_opts *o) {
    field_errors errs;
    field_errors_init(&errs);
    if (!strcmp(what, "list")) return -1;
    if (!strcmp(what, "create")) {
        if (!o->name) return cli_usage_error(self, "org create needs --name NAME");
        if (input_check_name("--name", o->name, &errs) != 0) return cli_usage_error(self, "%s", errs.items[0].message);
        return -1;
    }
    if (!common->org) return cli_usage_error(self, "org %s needs --org NAME", what);
    if (!strcmp(what, "level") && !o->level) return cli_usage_error(self, "org level needs --level 1, 2 or 3");
    if (!strcmp(what, "license") && !o->grant == !o->revoke)
        return cli_usage_error(self, "org license needs either --grant KEY or --revoke KEY");
    return -1;
}

static int org_create(const cli_command *self, store *st, const org_opts *o) {
    store_org org;
    json_t *roles = builtin_roles();
    store_status s = store_org_create(st, o->name, o->level ? o->level : 1, roles, &org);
    json_decref(roles);
    if (s == STORE_CONFLICT) return cli_fail(self, "an organization named \"%s\" already exists", o->name);
    if (s != STORE_OK) return cli_fail(self, "cannot create the organization: %s", store_status_name(s));
    return print_json(self, json_pack("{s:s, s:s, s:i}", "id", org.id, "name", org.name, "level", org.level));
}

static int org_list(const cli_command *self, store *st) {
    json_t *list = NULL;
    store_status s = store_org_list(st, &list);
    if (s != STORE_OK) return cli_fail(self, "cannot list organizations: %s", store_status_name(s));
    json_dumpf(list, stdout, JSON_INDENT(2));
    putchar('\n');
    json_decref(list);
    return EXIT_OK;
}

static int org_change(const cli_command *self, const char *what, store *st, const cli_common *common, const org_opts *o) {
    store_org org;
    int rc = cli_find_org(self, st, common, &org);
    if (rc >= 0) return rc;
    store_status s = !strcmp(what, "level")
                         ? store_org_set_level(st, org.id, o->level)
                         : store_org_license(st, org.id, o->grant ? o->grant : o->revoke, o->grant != NULL);
    if (s != STORE_OK) return cli_fail(self, "cannot change the organization: %s", store_status_name(s));
    json_t *licenses = NULL;
    if (store_org_get(st, org.id, &org) != STORE_OK || store_org_licenses(st, org.id, &licenses) != STORE_OK)
        return cli_fail(self, "changed, but cannot read the organization back");
    return print_json(self, json_pack("{s:s, s:i, s:o}", "name", org.name, "level", org.level, "licenses", licenses));
}

static int run_org(int argc, char **argv, const cli_command *self) {
    static const struct option own[] = {
        {"name", required_argument, NULL, 'n'},   {"level", required_argument, NULL, 'l'},
        {"grant", required_argument, NULL, 'g'},  {"revoke", required_argument, NULL, 'r'},
        {0, 0, 0, 0},
    };
    const char *what = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
    org_opts o = {0};
    cli_common common = {0};
    int rc = cli_parse(what ? argc - 1 : argc, what ? argv + 1 : argv, self, own, "", on_option, &o, &common);
    if (rc >= 0) return rc;
    if (!what) return cli_usage_error(self, "say what to do: create, level, license or list");
    if (strcmp(what, "create") && strcmp(what, "level") && strcmp(what, "license") && strcmp(what, "list"))
        return cli_usage_error(self, "unknown action \"%s\": use create, level, license or list", what);
    rc = check_usage(self, what, &common, &o);
    if (rc >= 0) return rc;
    store *st;
    rc = cli_open_store(self, &common, 1, &st);
    if (rc >= 0) return rc;
    if (!strcmp(what, "create")) rc = org_create(self, st, &o);
    else if (!strcmp(what, "list")) rc = org_list(self, st);
    else rc = org_change(self, what, st, &common, &o);
    store_close(st);
    return rc;
}

const cli_command cmd_org = {
    "org", "create organizations, set their subscription level and licenses",
    "usage: portico org ACTION [options] [--data DIR | --database URL]\n\n"
    "  org create --name NAME [--level N]      a new organization (level 1 by default) with its\n"
    "                                          own Master Admin and Employee roles\n"
    "  org level --org NAME --level N          set the subscription level (1, 2 or 3)\n"
    "  org license --org NAME --grant KEY      grant a license (e.g. clientapps)\n"
    "  org license --org NAME --revoke KEY     take a license away\n"
    "  org list                                all organizations, as JSON\n",
    run_org,
};
