#!/usr/bin/env bash
# Debian packages cmo and its tests use beyond Python: PostgreSQL server binaries (team
# mode), Graphviz's dot (programme-theory diagrams and the report's figures) and
# Chromium (the browser tests of `cmo serve`). Installed when missing and we are root;
# otherwise one line says what to install, and the tests that need it say so again.
set -u
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
    || echo "system packages: could not install ${missing[*]}; the tests that need them will say so"
else
  echo "system packages: please install ${missing[*]} (e.g. sudo apt-get install ${missing[*]})"
fi
exit 0
