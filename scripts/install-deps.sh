#!/usr/bin/env bash
# Installs the Debian packages kulanz needs to build, run and test.
# Usage: scripts/install-deps.sh [build|test|demo]   (default: test = everything;
# demo = build + the local SMTP server the demo sends its e-mails to)
# Packages already present are skipped; apt-get runs only when something is missing.
set -euo pipefail
what="${1:-test}"

build_pkgs=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  libfmt-dev libspdlog-dev libtomlplusplus-dev libcli11-dev libkainjow-mustache-dev
  libhowardhinnant-date-dev tzdata libicu-dev nodejs npm
  libcairo2-dev libpango1.0-dev libqrencode-dev libcurl4-openssl-dev fonts-dejavu-core
)
test_pkgs=(
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 chromium curl wrk python3
  python3-aiosmtpd zbar-tools poppler-utils libxml2-utils
)

pkgs=("${build_pkgs[@]}")
if [[ "$what" == "test" ]]; then pkgs+=("${test_pkgs[@]}"); fi
if [[ "$what" == "demo" ]]; then pkgs+=(python3 python3-aiosmtpd); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # npm/nodejs may come from another source than Debian: accept working binaries
    if [[ "$p" == npm || "$p" == nodejs ]] && command -v "${p/nodejs/node}" >/dev/null 2>&1; then continue; fi
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing packages: ${missing[*]}" >&2
    echo "install-deps: run as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
