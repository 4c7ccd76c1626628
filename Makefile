# Two commands: `make report` (the main job) and `make test`.
# Both install any missing system package first, then build.

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev libpng-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
# Debian's OpenBLAS 0.3.21 may not know recent CPUs and then silently uses its
# slow Prescott kernels; the engine also re-initialises itself, this covers tools.
export OPENBLAS_CORETYPE ?= Haswell

.PHONY: report test build deps clean

report: deps
	$(SWIFT) build -c release --product curvilinear
	.build/release/curvilinear report

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

build: deps
	$(SWIFT) build -c release --product curvilinear

# Idempotent and quick when everything is present: dpkg-query only.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf .build site runs
