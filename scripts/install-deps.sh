#!/usr/bin/env bash
# Installs the Debian packages Bellwether builds and tests with. Idempotent: it only asks
# apt for what dpkg does not already report as installed, and runs `apt-get update` only then.
set -euo pipefail

packages=(
  build-essential cmake make git pkg-config
  nlohmann-json3-dev libyaml-cpp-dev libeigen3-dev libboost-math-dev
  libcurl4-openssl-dev libcli11-dev libgtest-dev libgmock-dev libbenchmark-dev
  libhowardhinnant-date-dev tzdata libhiredis-dev redis-server prometheus chromium fonts-dejavu-core
  r-base-core python3-scipy python3-numpy openjdk-17-jdk-headless libgoogle-gson-java junit5
  groovy python3-yaml
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
