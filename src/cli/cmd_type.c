/* portico type add MANIFEST.json: the operator registers a vendor app type. */
#include "cli/cli.h"
#include "core/integration_type.h"

#include <stdio.h>
#include <string.h>

static int no_options(void *ctx, int opt, const char *arg) {
    (void)ctx;
    (void)opt;
    (void)arg;
    return -1;
}

static int add_type(const cli_command *self, store *st, const char *path) {
    json_error_t err;
    json_t *manifest = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
    if (!manifest) return cli_fail(self, "%s: not valid JSON: %s (line %d, column %d)", path, err.text, err.line, err.column);
    field_errors errs;
    field_errors_init(&errs);
    int rc = EXIT_OK;
    const char *id = json_string_value(json_object_get(manifest, "id"));
    if (integration_type_manifest_validate(manifest, &errs) != 0) {
        rc = cli_fail(self, "%s: %s", path, errs.items[0].message);
    } else if (strcmp(id, INTEGRATION_TYPE_BUILTIN_ID) == 0) {
        rc = cli_fail(self, "%s: the id %s belongs to the built-in type; choose another", path, id);
    } else {
        store_status s = store_type_put(st, id, manifest);
        if (s != STORE_OK) rc = cli_fail(self, "cannot register %s: %s", id, store_status_name(s));
        else printf("{\"id\": \"%s\", \"registered\": true}\n", id);
    }
    json_decref(manifest);
    return rc;
}

static int run_type(int argc, char **argv, const cli_command *self) {
    const char *what = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
    cli_common common = {0};
    int rc = cli_parse(what ? argc - 1 : argc, what ? argv + 1 : argv, self, NULL, "", no_options, NULL, &common);
    if (rc >= 0) return rc;
    if (!what || strcmp(what, "add")) return cli_usage_error(self, "the only action is add");
    int first = optind + 1; /* argv was shifted by one for the action */
    if (first >= argc) return cli_usage_error(self, "type add needs the path of a MANIFEST.json");
    store *st;
    rc = cli_open_store(self, &common, 1, &st);
    if (rc >= 0) return rc;
    rc = add_type(self, st, argv[first]);
    store_close(st);
    return rc;
}

const cli_command cmd_type = {
    "type", "register a vendor app type from a JSON manifest",
    "usage: portico type add MANIFEST.json [--data DIR | --database URL]\n\n"
    "Registers (or replaces) an integration type for every organization. The manifest format\n"
    "is described in docs/integration-types.md: id, name, description, vendor fields, images,\n"
    "license, minimumLevel, and optional propertiesSchema / advancedSchema.\n",
    run_type,
};
