# gilpy — the only build entry point.  Generated files go to build/.
#   make            build ./gilpy (-O2 -Wall -Wextra, no warnings allowed)
#   make test       build and run the suite; ends with "N passed, N failed"
#   make expected   regenerate tests' .exp files with python3 (CPython 3.11)
#   make bench      benchmarks side by side with python3
#   make test-asan  the suite under AddressSanitizer + UBSan
#   make test-tsan  the threading tests under ThreadSanitizer
#   make test-leaks the suite under LeakSanitizer: a leaked block fails the test
#   make install PREFIX=/usr/local ; make clean

CC      ?= cc
CFLAGS  ?= -O2 -g
# Every slot and built-in function shares one signature (vm/object.h), so
# many implementations ignore some parameters: that one warning is off.
WARN     = -Wall -Wextra -Wno-unused-parameter
CPPFLAGS = -I. -D_GNU_SOURCE
LDLIBS   = -lgmp -lreadline -lpthread -lm
PREFIX  ?= /usr/local
BUILD   ?= build

SRC := $(wildcard vm/*.c vm/objects/*.c gc/*.c gil/*.c stdlib/*.c repl/*.c)
OBJ := $(SRC:%.c=$(BUILD)/%.o) $(BUILD)/stdlib_embed.o
PYLIB := $(shell find stdlib/lib -name '*.py' 2>/dev/null | sort)

all: gilpy

gilpy: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c $< -o $@

# The eval loop: GCC's GCSE and cross-jumping merge the computed-goto
# dispatch sites into a few shared indirect jumps, which the CPU predicts
# worse (the GCC manual advises -fno-gcse for computed gotos).
$(BUILD)/vm/eval.o: CFLAGS += -fno-gcse -fno-crossjumping

# The Python half of the stdlib is embedded in the binary.
$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

$(BUILD)/stdlib_embed.c: $(BUILD)/tools/embed $(PYLIB)
	$(BUILD)/tools/embed stdlib/lib $(PYLIB) > $@.tmp && mv $@.tmp $@

$(BUILD)/stdlib_embed.o: $(BUILD)/stdlib_embed.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

test: gilpy
	@tests/run.sh ./gilpy

expected:
	@tests/run.sh --expected

bench: gilpy
	@bench/run.sh

test-asan:
	$(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" gilpy-asan
	@ASAN_OPTIONS=detect_leaks=0 tests/run.sh ./gilpy-asan

gilpy-asan: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $(LDLIBS)

# LeakSanitizer (part of ASan): a leak makes the process exit with status 23,
# which the runner reports as a failed test.  gc/lsan.supp lists only
# deliberate process-lifetime allocations.
test-leaks:
	$(MAKE) BUILD=build/leaks CFLAGS="-O1 -g -fsanitize=address -fno-omit-frame-pointer" gilpy-leaks
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/gc/lsan.supp:print_suppressions=0 \
		GILPY_TEST_TIMEOUT=$${GILPY_TEST_TIMEOUT:-120} tests/run.sh ./gilpy-leaks $(TESTS)

gilpy-leaks: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $(LDLIBS)

test-tsan:
	$(MAKE) BUILD=build/tsan CFLAGS="-O1 -g -fsanitize=thread" gilpy-tsan
	@tests/run.sh ./gilpy-tsan tests/threads

gilpy-tsan: $(OBJ)
	$(CC) $(CFLAGS) -o $@ $(OBJ) $(LDLIBS)

install: gilpy
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 gilpy $(DESTDIR)$(PREFIX)/bin/gilpy

clean:
	rm -rf build gilpy gilpy-asan gilpy-tsan gilpy-leaks

.PHONY: all test expected bench test-asan test-tsan test-leaks install clean demo

# The GIL lab (docs/gil-lab.md): every experiment in examples/gil_*.py, its
# table on stdout and its timeline in build/demo/<name>.svg.
demo: gilpy
	@mkdir -p $(BUILD)/demo
	@for f in examples/gil_*.py; do n=$$(basename $$f .py); \
	    echo "== $$n"; ./gilpy -X giltrace=$(BUILD)/demo/$$n.svg $$f || exit 1; done
	@./gilpy -X gilchecks=every -X giltrace=$(BUILD)/demo/gil_lost_updates_every.svg examples/gil_lost_updates.py
	@echo "timelines in $(BUILD)/demo/"


-include $(OBJ:.o=.d)
