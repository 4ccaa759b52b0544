#!/usr/bin/env bash
# Installs every Debian package hrsnn needs to build, test, benchmark and plot.
# Run as root on Debian 12; safe to run again (apt-get skips what is present).
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: must run as root (apt-get install)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends \
  build-essential cmake ninja-build pkg-config git clang libfuzzer-14-dev \
  libgtest-dev libgmock-dev libbenchmark-dev \
  libeigen3-dev libnlopt-cxx-dev libnlopt-dev \
  libcli11-dev libtomlplusplus-dev nlohmann-json3-dev \
  libsndfile1-dev libfftw3-dev libhdf5-dev \
  libopenmpi-dev openmpi-bin \
  python3 python3-numpy python3-scipy python3-brian python3-sklearn \
  python3-dev python3-venv python3-pytest pybind11-dev \
  python3-optuna python3-matplotlib python3-h5py
