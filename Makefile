# The two entry points of README: `make demo` and `make test`. Both install what is missing
# (Debian packages), configure and build first. CI=true selects the warnings-as-errors preset.
PRESET ?= $(if $(filter true,$(CI)),ci,release)
BUILD_DIR := build/$(PRESET)
BELLWETHER := $(BUILD_DIR)/native/bellwether
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build demo test bench clean

all: build

deps:
	bash scripts/install-deps.sh

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET) -j $(JOBS)

demo: build
	bash scripts/demo.sh $(BELLWETHER)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

bench: build
	bash scripts/bench-compare.sh $(BUILD_DIR)
	bash scripts/bench-analyze.sh $(BELLWETHER)
	bash scripts/bench-features.sh $(BELLWETHER)
	bash scripts/bench-prometheus.sh $(BELLWETHER)
	$(BUILD_DIR)/native/bench/bench_train --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	$(BUILD_DIR)/native/bench/bench_intent --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	bash scripts/bench-jni.sh $(BUILD_DIR)

clean:
	rm -rf build
