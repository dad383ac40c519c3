# kulanz — the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PORT ?= 8080
DEMO_DB ?= demo.db
KULANZ_RELEASE := build/release/apps/kulanz

.PHONY: demo test deps-build deps-test release asan debug bench-import bench-run bench-email bench-portal bench clean npm-test web-assets

# Browser assets from npm (htmx) that the build embeds into the binary.
web-assets:
	@cd web && { [ -f node_modules/htmx.org/dist/htmx.min.js ] || npm ci --no-audit --no-fund --loglevel=error; }

deps-build:
	@scripts/install-deps.sh build
	@$(MAKE) --no-print-directory web-assets

deps-test:
	@scripts/install-deps.sh test
	@$(MAKE) --no-print-directory web-assets

release: deps-build
	@cmake --preset release >/dev/null
	@cmake --build --preset release

demo: release
	@scripts/install-deps.sh demo
	@DEMO_DB=$(DEMO_DB) PORT=$(PORT) scripts/demo.sh $(KULANZ_RELEASE)

npm-test: deps-test
	@cd tests/node && { [ -d node_modules ] && npm ls --silent >/dev/null 2>&1 || npm ci --no-audit --no-fund --loglevel=error; }

asan: deps-test
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan

test: asan npm-test
	@ctest --preset asan

debug: deps-test
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug

bench-import: deps-build
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench
	@bench/import.sh build/bench $(ROWS)

bench-run: deps-build
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench
	@bench/run.sh build/bench $(CUSTOMERS)

bench-email: deps-test
	@cmake --preset bench >/dev/null
	@cmake --build --preset bench
	@bench/email.sh build/bench $(CUSTOMERS)

bench-portal: deps-test release
	@bench/portal.sh build/release $(DURATION)

clean:
	rm -rf build
