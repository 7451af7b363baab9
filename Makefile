# amplify-migrate: build, demo and tests.
#
#   make demo    build, then analyze and convert the bundled example project
#   make test    every test: vet, unit and golden tests, and the real-component
#                tests (tsc, Gen 2 synth, Gen 1 transformer, DynamoDB Local)
#   make bench   benchmarks, with figures printed

GO        ?= go
BIN       := bin/migrate
TOOLCHAIN := $(CURDIR)/.cache/toolchain
EXAMPLE   := testdata/example
DEMO_OUT  := .cache/demo-gen2

export AMPLIFY_MIGRATE_TOOLCHAIN := $(TOOLCHAIN)

.PHONY: all build demo test test-unit test-real toolchain bench bench-data fuzz vet clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/migrate

# The npm packages the real-component tests use, installed once per lock file.
toolchain: $(TOOLCHAIN)/.installed

$(TOOLCHAIN)/.installed: testdata/toolchain/package.json testdata/toolchain/package-lock.json
	@mkdir -p $(TOOLCHAIN)
	cp testdata/toolchain/package.json testdata/toolchain/package-lock.json $(TOOLCHAIN)/
	cd $(TOOLCHAIN) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

demo: build
	./$(BIN) analyze $(EXAMPLE)
	rm -rf $(DEMO_OUT)
	./$(BIN) convert $(EXAMPLE) --out $(DEMO_OUT)
	@echo
	@echo "Gen 2 project written to $(DEMO_OUT); manual steps are in $(DEMO_OUT)/MIGRATION.md"

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1)

test-unit:
	$(GO) test ./...

# Real-component tests are skipped by plain `go test`; MIGRATE_REAL_TESTS turns
# them on and makes a missing toolchain an error instead of a skip.
test-real: toolchain
	MIGRATE_REAL_TESTS=1 $(GO) test -count=1 -timeout 40m ./...

test: vet test-real

bench: toolchain
	MIGRATE_REAL_TESTS=1 $(GO) test -run '^$$' -bench . -benchmem ./readers/... ./writers/... ./reports/...

# DynamoDB copy benchmark (100,000 items; for 1,000,000:
#   make bench-data MIGRATE_BENCH_ITEMS=1000000 MIGRATE_DDB_HEAP=8g).
bench-data: toolchain
	MIGRATE_REAL_TESTS=1 $(GO) test -run '^$$' -bench 'BenchmarkCopy' -benchtime 1x -timeout 60m ./datamove/...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzRead -fuzztime 30s -fuzzminimizetime 10s ./readers

clean:
	rm -rf bin .cache/demo-gen2
