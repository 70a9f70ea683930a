# One entry point for authors, reviewers and CI. Everything installs itself
# into .venv on first use: a fresh machine needs only python3 and make.

PYTHON_SYSTEM ?= python3
VENV          ?= .venv
PY            := $(VENV)/bin/python
CONTENT       ?= content
OUTPUT        ?= output
CONF          ?= pelicanconf.py
PORT          ?= 8000
BIND          ?= 127.0.0.1
EDIT_PORT     ?= 8080
EDIT_API_PORT ?= 8081

.PHONY: help html serve check new import edit test test-fast lint bench bench-build bench-images bench-pelican bench-serve publish sample-photos clean

help:
	@echo "make html      build the site from $(CONTENT)/ into $(OUTPUT)/"
	@echo "make serve     build, serve on http://$(BIND):$(PORT)/ and rebuild on change"
	@echo "make check     validate the content without building"
	@echo "make new       write a new article skeleton (CLUSTER=... TITLE=... [DATE=25/03/2024] [EVENT=ky-ket])"
	@echo "make import    bring articles over from a legacy portal (FILE=saved.html or SRC=folder [ANSWERS=...])"
	@echo "make edit      the web editor for staff on http://$(BIND):$(EDIT_PORT)/ (with make serve)"
	@echo "make test      run the whole test suite (browser tests included)"
	@echo "make bench     run every benchmark: bench-images, bench-build and the two below"
	@echo "make bench-pelican  cold and incremental builds against plain Pelican (SIZES=1000,5000 PAIRS=3 [WITH_10000=1] [PELICAN_DEFAULTS=1])"
	@echo "make bench-serve    seconds until an edit shows under make serve (ARTICLES=1000)"
	@echo "make publish   production build (absolute URLs, feeds) with publishconf.py"

$(VENV)/.installed: requirements.txt constraints.txt pyproject.toml
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# The project's modules compiled ahead, as pip does for the packages it installs: an
# editable install is otherwise compiled on every run where PYTHONDONTWRITEBYTECODE is
# set (about 0.1 s of each build). Made again whenever a module changes.
PY_SOURCES := $(shell find thidua plugins -name '*.py' 2>/dev/null)
$(VENV)/.compiled: $(VENV)/.installed $(PY_SOURCES)
	$(PY) -m compileall -q thidua plugins
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

html: $(VENV)/.compiled
	$(PY) -m thidua.cli.html --content $(CONTENT) --output $(OUTPUT) --settings $(CONF) $(if $(FORCE),--force)

publish: $(VENV)/.compiled
	$(PY) -m thidua.cli.html --content $(CONTENT) --output $(OUTPUT) --settings publishconf.py

serve: $(VENV)/.compiled
	$(PY) -m thidua.cli.serve --content $(CONTENT) --output $(OUTPUT) --settings $(CONF) --bind $(BIND) --port $(PORT)

check: $(VENV)/.compiled
	$(PY) -m thidua.cli.build --content $(CONTENT) --settings $(CONF) --check-only

new: $(VENV)/.compiled
	$(PY) -m thidua.cli.new_article --content $(CONTENT) --settings $(CONF) --cluster "$(CLUSTER)" --title "$(TITLE)" $(if $(DATE),--date "$(DATE)") $(if $(EVENT),--event "$(EVENT)") --serve-url "http://$(BIND):$(PORT)/"

# Bring articles over from a legacy portal: one page, FILE=saved.html [CLUSTER=] [TITLE=] [DATE=]
# [YEAR=] [EVENT=] [PHOTOS=] [SLUG=], or a whole archive, SRC=folder [ANSWERS=answers.yml]
import: $(VENV)/.compiled
	$(PY) -m thidua.cli.import_legacy $(if $(SRC),--src "$(SRC)","$(FILE)") --content $(CONTENT) --settings $(CONF) $(if $(ANSWERS),--answers "$(ANSWERS)") $(if $(CLUSTER),--cluster "$(CLUSTER)") $(if $(TITLE),--title "$(TITLE)") $(if $(DATE),--date "$(DATE)") $(if $(YEAR),--year "$(YEAR)") $(if $(EVENT),--event "$(EVENT)") $(if $(PHOTOS),--photos "$(PHOTOS)") $(if $(SLUG),--slug "$(SLUG)")

# The web editor for staff (Decap CMS from node_modules, no CDN): decap-server writes
# what is saved into $(CONTENT)/, make serve rebuilds the site; prints one address.
edit: $(VENV)/.compiled node_modules/.installed
	$(PY) -m thidua.editor.server --content $(CONTENT) --output $(OUTPUT) --settings $(CONF) --bind $(BIND) --port $(EDIT_PORT) --api-port $(EDIT_API_PORT) --site-port $(PORT)

# Browser tests inject axe-core and run the Nu Html Checker (vnu-jar), pinned in package.json.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m ruff check thidua plugins tools tests pelicanconf.py publishconf.py
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.installed-test
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(PY) -m ruff check thidua plugins tools tests pelicanconf.py publishconf.py
	$(PY) -m ruff format --check thidua plugins tools tests pelicanconf.py publishconf.py

bench: bench-images bench-build bench-pelican bench-serve

# The portal against plain Pelican on the same generated articles, interleaved: cold build,
# no-change, one-edit and one-addition rebuilds (SIZES=1000,5000 PAIRS=3; WITH_10000=1 adds
# 10,000 articles, one pair; PELICAN_DEFAULTS=1 adds Pelican with its own pagination defaults).
bench-pelican: $(VENV)/.compiled
	$(PY) tools/dev/bench_pelican.py $(if $(SIZES),--sizes $(SIZES)) $(if $(PAIRS),--pairs $(PAIRS)) $(if $(WITH_10000),--with-10000) $(if $(PELICAN_DEFAULTS),--pelican-defaults)

# Seconds from saving an article to seeing the edit under make serve (ARTICLES=1000).
bench-serve: $(VENV)/.compiled
	$(PY) tools/dev/bench_serve.py $(if $(ARTICLES),--articles $(ARTICLES))

bench-build: $(VENV)/.compiled
	$(PY) tools/dev/bench_build.py

bench-images: $(VENV)/.compiled
	$(PY) tools/dev/bench_images.py

sample-photos: $(VENV)/.installed
	$(PY) tools/dev/make_sample_photos.py --content $(CONTENT)

# Also what killed builds left: beside the output, staging folders, the old site of a
# swap by renames, Pagefind's input copies; in a photo cache kept beside another content
# folder, its temporary folders. The lock file stays: a running build may hold it.
OUTPUT_NAME := $(notdir $(patsubst %/,%,$(OUTPUT)))
OUTPUT_DIR  := $(dir $(patsubst %/,%,$(OUTPUT)))
CONTENT_DIR := $(dir $(patsubst %/,%,$(CONTENT)))
clean:
	rm -rf $(OUTPUT) .cache .build-* $(OUTPUT_DIR).build-$(OUTPUT_NAME)-* \
		$(OUTPUT_DIR).$(OUTPUT_NAME).old-* $(OUTPUT_DIR).search-* \
		$(OUTPUT_DIR).$(OUTPUT_NAME).cache $(OUTPUT_DIR).$(OUTPUT_NAME).fingerprint \
		$(OUTPUT_DIR).$(OUTPUT_NAME).spare $(OUTPUT_DIR).$(OUTPUT_NAME).spare-* \
		$(CONTENT_DIR).cache/gallery/objects/tmp
