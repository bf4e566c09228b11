# Portico — plain Makefile. `make run` and `make test` are the two commands a newcomer needs.
CC      ?= cc
SAN     ?=
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Isrc -I$(BUILD)/gen $(SAN)
PKGS    := libmicrohttpd jansson sqlite3 libsodium libpq
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lmicrohttpd -ljansson -lsqlite3 -lsodium -lpq) -lpthread -lm
CFLAGS  += $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

BUILD   ?= build
DATA    ?= var
LISTEN  ?= 127.0.0.1:8080

LIB_SRC  := $(shell find src -name '*.c' ! -path 'src/cli/main.c' | sort)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/assets.o
WEB      := $(shell find web -type f ! -name '*.md' | sort)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps test-deps run test test-unit test-e2e test-asan clean fuzz bench

all: $(BUILD)/portico

deps:
	@scripts/deps.sh run

test-deps:
	@scripts/deps.sh test

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 $< -o $@

$(BUILD)/gen/assets.c: $(BUILD)/tools/embed $(WEB)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed web $@ $(WEB)

$(BUILD)/gen/assets.o: $(BUILD)/gen/assets.c
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libportico.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/portico: $(BUILD)/src/cli/main.o $(BUILD)/libportico.a
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libportico.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< $(BUILD)/libportico.a -o $@ $(LDLIBS) -lcmocka

run: deps $(BUILD)/portico
	@scripts/run.sh $(BUILD)/portico $(DATA) $(LISTEN)

# Everything: unit and end-to-end tests on SQLite and PostgreSQL, the same
# unit and SQLite suite against the AddressSanitizer + UBSan build, fuzz smoke.
test: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN)
	@$(MAKE) --no-print-directory asan-build
	@scripts/test.sh $(BUILD) build-asan

# Only the sanitizer build's suite (both databases).
test-asan: test-deps asan-build
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 scripts/test.sh build-asan

.PHONY: asan-build
asan-build:
	@CFLAGS="-O1 -g" $(MAKE) --no-print-directory BUILD=build-asan CC=clang \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  build-asan/portico $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)

clean:
	rm -rf build build-asan

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# ---- libFuzzer targets (tests/fuzz/fuzz_*.c; seed corpora in tests/fuzz/corpus/NAME/).
# `make fuzz` runs each for FUZZ_SECONDS; `make fuzz-smoke` (run at the end of
# `make test`) each for FUZZ_SMOKE_SECONDS. Built with clang into build-fuzz,
# the whole library instrumented, with ASan + UBSan (leak checking on).
FUZZ_SECONDS       ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_BUILD         := build-fuzz
FUZZ_BINS          := $(patsubst tests/fuzz/%.c,$(FUZZ_BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: fuzz-build fuzz-smoke clean-fuzz

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_util.h $(BUILD)/libportico.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $< $(BUILD)/libportico.a -o $@ $(LDLIBS)

fuzz-build:
	@CFLAGS="-O1 -g" $(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  $(FUZZ_BINS)

fuzz: test-deps fuzz-build
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	@scripts/fuzz.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS)

clean: clean-fuzz
clean-fuzz:
	rm -rf $(FUZZ_BUILD)

# ---- Benchmark (bench/README.md): the data generator, and one run of bench/run.
$(BUILD)/bench-generate: bench/generate.c $(BUILD)/libportico.a
	$(CC) $(CFLAGS) $< $(BUILD)/libportico.a -o $@ $(LDLIBS)

bench: test-deps
	@$(MAKE) --no-print-directory all $(BUILD)/bench-generate
	@bench/run $(BUILD)
