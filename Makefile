# The two commands a newcomer needs: `make run` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
CMAKE_FLAGS ?=

.PHONY: deps build run test test-asan test-tsan fuzz bench format clean

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

test-asan:
	$(MAKE) test BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_FLAGS=-DCOURSEDIST_SANITIZE=address

# ThreadSanitizer on the threaded parts: the HTTP server, the storage backends and the service
# binary under the black-box suites. A race stops the process (halt_on_error), failing the test.
TSAN_LABELS ?= http|storage|blackbox
test-tsan: deps
	cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOURSEDIST_SANITIZE=thread
	cmake --build build-tsan --target coursedist http_tests storage_tests blackbox_tests
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" scripts/run-tests.sh build-tsan -L '$(TSAN_LABELS)'

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
