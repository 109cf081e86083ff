#!/usr/bin/env bash
# Install what the converter tests validate against: jing (TEI P5 RELAX NG), xmllint
# (well-formedness of teiCorpus files), Java, the Nu HTML Checker (npm package vnu-jar, into
# ./node_modules), Hugo (the front matter test builds a site), and Debian's Chromium with
# playwright-core (./node_modules) to drive it (the edition's site is tested in a browser). Safe
# to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v jing >/dev/null 2>&1 || need_apt+=(jing)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
command -v hugo >/dev/null 2>&1 || need_apt+=(hugo)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
# Both in one command: npm removes what an earlier `--no-save` install put in node_modules.
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -d node_modules/playwright-core ]; then
  npm install --no-save --no-audit --no-fund vnu-jar@26.9.27 playwright-core@1.64.1 >/dev/null
fi
echo "validators: $(command -v jing), $(command -v xmllint), $(command -v java)," \
  "node_modules/vnu-jar/build/dist/vnu.jar, $(command -v hugo), $(command -v chromium)," \
  "node_modules/playwright-core"
