/* portico: one binary for the server and its administration. */
#include "cli/cli.h"
#include "lib/password.h"

#include <stdio.h>
#include <string.h>

static const cli_command *const commands[] = {&cmd_init, &cmd_serve, &cmd_org, &cmd_user, &cmd_client, &cmd_type, &cmd_migrate};

static void print_help(FILE *out) {
    fprintf(out,
            "usage: portico COMMAND [options]\n\n"
            "Portico serves an organization's own web apps inside its workspace.\n\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out,
            "\nEvery command takes --data DIR (default ./var) or --database URL, and --help.\n"
            "Run 'portico COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        print_help(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        print_help(stdout);
        return EXIT_OK;
    }
    if (password_init() != 0) {
        fprintf(stderr, "portico: cannot initialise libsodium\n");
        return EXIT_RUNTIME;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i]->name)) return commands[i]->run(argc - 1, argv + 1, commands[i]);
    fprintf(stderr, "portico: unknown command \"%s\" (see: portico --help)\n", argv[1]);
    return EXIT_USAGE;
}
