# revpack: review-cycle rating exports + a competency rubric -> printable PDFs.
#
#   make            build ./revpack (installs missing Debian packages first)
#   make test       sanitizer build + every test; ends with "N passed, N failed"
#   make demo       the sample cycle rendered into out/
#   make deps       install what is missing (apt-get, as root)
#   make lint | fuzz | bench | install | clean
#   make test-cluster   the sharding recipes on a one-node Slurm cluster
#
# O=DIR puts build products in DIR (default build/), so that several
# checkouts or people can build side by side.

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
O        ?= build
CC       ?= cc
FUZZ_CC  ?= clang
FUZZ_SECONDS ?= 20

# Debian packages: to build, to run (fonts), to test.
BUILD_PKGS = gcc make pkg-config libhpdf-dev libcsv-dev libyaml-dev \
	libharfbuzz-dev libfontconfig-dev libqpdf-dev zlib1g-dev libdeflate-dev \
	libicu-dev libzip-dev libexpat1-dev libxlsxwriter-dev
FONT_PKGS  = fonts-liberation2 fonts-wqy-zenhei fonts-nanum fonts-dejavu-core \
	fonts-noto-core fonts-symbola \
	fonts-crosextra-carlito
TEST_PKGS  = poppler-utils qpdf mupdf-tools clang libclang-rt-14-dev jq python3 python3-yaml \
	libreoffice-impress-nogui libreoffice-calc-nogui python3-openpyxl mandoc
# npm only when no npm is there: NodeSource's nodejs carries its own and
# conflicts with Debian's npm package.
BENCH_PKGS = python3 python3-reportlab python3-yaml python3-openpyxl nodejs time \
	$(shell command -v npm >/dev/null 2>&1 || echo npm)
PKGS       = $(BUILD_PKGS) $(FONT_PKGS) $(TEST_PKGS)
# make test-cluster: a one-node Slurm cluster (munge for its auth) and GNU
# parallel, to run samples/shard/ as a user would.
CLUSTER_PKGS = slurmctld slurmd slurm-client munge parallel python3 python3-yaml

# V=1 shows whole compiler command lines.
Q_CC  = $(if $(V),,@echo "  CC      $@";)
Q_LD  = $(if $(V),,@echo "  LD      $@";)

PKG_CONFIG ?= pkg-config
LIBS_PC    = yaml-0.1 harfbuzz-subset harfbuzz fontconfig libqpdf icu-uc icu-i18n libzip expat xlsxwriter
# -isystem: third-party headers are not held to our warning flags.
PC_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) 2>/dev/null | sed 's/-I/-isystem /g')
PC_LIBS    = $(shell $(PKG_CONFIG) --libs $(LIBS_PC) 2>/dev/null)

WARN     = -std=c11 -Wall -Wextra -pedantic -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Werror
DEFS     = -D_POSIX_C_SOURCE=200809L -DREVPACK_VERSION='"$(VERSION)"' \
	-DREVPACK_DATADIR='"$(PREFIX)/share/revpack"'
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(DEFS) $(PC_CFLAGS) $(CFLAGS) -pthread -MMD -MP
LDLIBS   = -lhpdf -lcsv $(PC_LIBS) -ldeflate -lz -lm -pthread
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

SRCS      := $(sort $(wildcard src/*.c))
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
OBJS      := $(SRCS:src/%.c=$(O)/obj/%.o)
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(O)/obj/%.o)
SOBJS     := $(SRCS:src/%.c=$(O)/san/%.o)
SLIB_OBJS := $(LIB_SRCS:src/%.c=$(O)/san/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNITS     := $(UNIT_SRCS:tests/unit/%.c=$(O)/san/unit/%)
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TOOLS     := $(TOOL_SRCS:tests/tools/%.c=$(O)/tools/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZERS   := $(FUZZ_SRCS:tests/fuzz/%.c=$(O)/fuzz/%)
# The manual pages, in mdoc beside the sources (make lint checks them).
MAN1      := src/revpack.1
MAN5      := src/revpack-cycle.5 src/revpack-rubric.5 src/revpack-template.5
MANDIR    ?= $(PREFIX)/share/man

.PHONY: all deps bench-deps test demo demo-deps lint fuzz bench install uninstall clean tools

all: revpack

# deps: quick when everything is there (one dpkg-query), else apt-get as
# root, else the exact command to run and a failure.
deps:
	@have=" $$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $(PKGS) 2>/dev/null \
		| awk '$$1 == "ii" { printf "%s ", $$2 }')"; \
	missing=; for p in $(PKGS); do \
		case "$$have" in *" $$p "*) ;; *) missing="$$missing $$p";; esac; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "make deps: missing Debian packages; run as root:" >&2; \
		echo "  apt-get install -y --no-install-recommends$$missing" >&2; \
		exit 1; \
	fi; \
	echo "make deps: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -q --no-install-recommends $$missing >/dev/null 2>&1 || \
	{ apt-get update -q >/dev/null && \
	  apt-get install -y -q --no-install-recommends $$missing; }

bench-deps:
	@$(MAKE) --no-print-directory deps PKGS="$(BENCH_PKGS)"

# libs: what compiling needs, found with pkg-config and the compiler only
# (libharu, libcsv, libdeflate and zlib have no .pc file: their headers),
# so that `make` builds on any Unix where they are installed. When one is
# missing: on Debian (dpkg-query found) `make deps` installs the build
# packages, else the missing ones are named and make stops. Checked once
# per build folder (again when this Makefile changes).
DPKG_QUERY ?= dpkg-query
LIBS_OK = $(O)/.libs-ok
LIBS_CHECK = missing=; \
	for p in $(LIBS_PC); do \
		$(PKG_CONFIG) --exists $$p 2>/dev/null || missing="$$missing $$p"; \
	done; \
	for h in hpdf.h csv.h libdeflate.h zlib.h; do \
		echo "\#include <$$h>" | $(CC) -E -x c - >/dev/null 2>&1 || \
		missing="$$missing <$$h>"; \
	done
$(LIBS_OK): Makefile
	@$(LIBS_CHECK); \
	if [ -n "$$missing" ] && command -v $(DPKG_QUERY) >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory deps PKGS="$(BUILD_PKGS)" || exit 1; \
		$(LIBS_CHECK); \
	fi; \
	if [ -n "$$missing" ]; then \
		echo "make: missing libraries (pkg-config names, or headers):$$missing" >&2; \
		echo "make: install them (on Debian: make deps, as root), or set PKG_CONFIG_PATH and CC" >&2; \
		exit 1; \
	fi; \
	mkdir -p $(@D) && touch $@

revpack: $(O)/revpack
	@ln -sf $(O)/revpack revpack 2>/dev/null || cp $(O)/revpack revpack

$(O)/revpack: $(OBJS) | $(LIBS_OK)
	$(Q_LD)$(CC) $(CFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(O)/obj/%.o: src/%.c | $(LIBS_OK)
	@mkdir -p $(@D)
	$(Q_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The sanitizer build that `make test` runs.
$(O)/san/%.o: src/%.c | $(LIBS_OK)
	@mkdir -p $(@D)
	$(Q_CC)$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c -o $@ $<

$(O)/san/revpack: $(SOBJS)
	$(Q_LD)$(CC) $(SAN) -o $@ $(SOBJS) $(LDLIBS)

$(O)/san/unit/%: tests/unit/%.c tests/unit/check.h $(SLIB_OBJS)
	@mkdir -p $(@D)
	$(Q_LD)$(CC) $(ALL_CFLAGS) -O1 $(SAN) -Isrc -o $@ $< $(SLIB_OBJS) $(LDLIBS)

# Helper programs for tests, benchmarks and samples (the organisation
# generator), built without sanitizers.
tools: $(TOOLS)
$(O)/tools/%: tests/tools/%.c $(LIB_OBJS) | $(LIBS_OK)
	@mkdir -p $(@D)
	$(Q_LD)$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(LDLIBS)

test: deps $(O)/san/revpack $(UNITS) $(TOOLS)
	@O=$(O) REVPACK=$(O)/san/revpack sh tests/run.sh

# demo-deps: the fonts the shipped templates name, so that `make demo` on
# a fresh Debian machine prints every script (elsewhere they are the
# user's to install; the build packages come with the build).
demo-deps:
	@if command -v $(DPKG_QUERY) >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory deps PKGS="$(FONT_PKGS)"; fi

demo: demo-deps revpack
	@sh tests/demo.sh ./revpack

lint: deps
	@sh tests/lint.sh

# libFuzzer targets over the input front ends, each for FUZZ_SECONDS.
$(O)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(LIB_SRCS) | $(LIBS_OK)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(WARN) $(DEFS) $(PC_CFLAGS) -g -O1 -pthread \
		-fsanitize=fuzzer,address,undefined -Isrc -o $@ $< $(LIB_SRCS) $(LDLIBS)

fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do \
		n=$$(basename $$f); mkdir -p $(O)/fuzz/corpus-$$n; \
		seeds=tests/fuzz/seeds-$${n#fuzz_}; \
		echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=5 \
			-print_final_stats=1 $(O)/fuzz/corpus-$$n $$( [ -d $$seeds ] && echo $$seeds ) \
			2>$(O)/fuzz/$$n.log || { tail -40 $(O)/fuzz/$$n.log; exit 1; }; \
		grep -E 'stat::number_of_executed_units' $(O)/fuzz/$$n.log; \
	done

bench: bench-deps $(O)/revpack $(O)/tools/genorg
	@O=$(O) sh tests/bench/bench.sh

# The sharding recipes of samples/shard/ on a one-node Slurm cluster
# started in a temporary folder, and with GNU parallel; each merged
# output must equal an unsharded build byte for byte.
.PHONY: test-cluster cluster-deps
cluster-deps:
	@$(MAKE) --no-print-directory deps PKGS="$(FONT_PKGS) $(CLUSTER_PKGS)"

test-cluster: cluster-deps $(O)/revpack
	@O=$(O) REVPACK=$(O)/revpack sh tests/cluster/run.sh

install: $(O)/revpack
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/revpack/templates \
		$(DESTDIR)$(PREFIX)/share/revpack/rubrics
	install -m 755 $(O)/revpack $(DESTDIR)$(PREFIX)/bin/revpack
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 src/revpack.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/revpack
	install -m 644 templates/*.yaml $(DESTDIR)$(PREFIX)/share/revpack/templates/
	for f in templates/*.png; do [ -f "$$f" ] && install -m 644 "$$f" \
		$(DESTDIR)$(PREFIX)/share/revpack/templates/ || true; done
	install -m 644 rubrics/*.yaml $(DESTDIR)$(PREFIX)/share/revpack/rubrics/
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/revpack
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/revpack
	rm -rf $(DESTDIR)$(PREFIX)/share/revpack
	rm -f $(MAN1:src/%=$(DESTDIR)$(MANDIR)/man1/%) $(MAN5:src/%=$(DESTDIR)$(MANDIR)/man5/%)

clean:
	rm -rf $(O) revpack

-include $(OBJS:.o=.d) $(SOBJS:.o=.d)
