# The two commands a newcomer needs: `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=

.PHONY: deps build run test test-asan test-tsan fuzz bench format clean lint-openapi web-checks

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)

run: build
	@mkdir -p data
	$(BUILD_DIR)/coursedist serve --demo

test: build
	scripts/run-tests.sh $(BUILD_DIR)

# Sanitizer runs. The coursedist processes the black-box tests start inherit these settings, and
# a sanitizer report in their output fails the test that ran them (tests/support/service_process).

# AddressSanitizer + LeakSanitizer + UBSan on every test. -O2 -g: ASan does not need -O0, and the
# suite runs in a few minutes. UBSan stops at the first finding (the build also has
# -fno-sanitize-recover=undefined). Leak suppressions: third-party only, each explained in the file.
ASAN_ENV = ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1 \
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-asan: deps
	cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOURSEDIST_SANITIZE=address
	cmake --build build-asan
	$(ASAN_ENV) scripts/run-tests.sh build-asan

# ThreadSanitizer on the threaded parts: the HTTP server, the storage backends, the service layer
# (group commit), the background loops (outbox, consumer, checkpointer), and the service binary
# under the black-box suites. A race stops the process (halt_on_error), failing the test.
TSAN_LABELS ?= http|storage|service|events|background|blackbox
TSAN_ENV = TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
test-tsan: deps
	cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOURSEDIST_SANITIZE=thread
	cmake --build build-tsan --target coursedist http_tests storage_tests service_tests events_tests background_tests blackbox_tests
	$(TSAN_ENV) scripts/run-tests.sh build-tsan -L '$(TSAN_LABELS)'

# /openapi.json against Redocly's recommended rules (0 errors), with @redocly/cli from npm.
lint-openapi: build
	scripts/lint-openapi.sh $(BUILD_DIR)

# The public pages (scripts/web-pages.txt) through the W3C Nu HTML checker (0 errors) and
# Lighthouse (accessibility, best practices, SEO 1.0, performance >= 0.95, text compression on),
# with vnu-jar and lighthouse from npm, on Debian's Java and chromium.
web-checks: build
	scripts/web-checks.sh $(BUILD_DIR)

# libFuzzer targets, FUZZ_SECONDS (default 60) each; see fuzz/README.md.
fuzz:
	@scripts/install-deps.sh --with-fuzz
	scripts/run-fuzz.sh build-fuzz

bench: build
	bench/run.sh $(BUILD_DIR)

format:
	find src tests bench fuzz -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build build-asan build-tsan build-fuzz
