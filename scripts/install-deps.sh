#!/usr/bin/env bash
# System packages for building the viewer and for running its headless tests on Debian:
# a software Vulkan/GL driver (the tests render the window without a GPU), X11/Wayland
# client libraries, and Xvfb + tools for taking screenshots of the real window.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  mesa-vulkan-drivers libvulkan1 libegl1 libgl1 libgles2 \
  libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon0 libxkbcommon-x11-0 libwayland-client0 \
  xvfb xauth x11-apps imagemagick \
  >/dev/null
# The H.264 encoder is built from openh264's source; nasm assembles its fast paths (without
# it the build still works, and encodes about half as fast).
$SUDO apt-get install -y -qq --no-install-recommends nasm >/dev/null
# Only for the tests: a real PostgreSQL with PostGIS, started on 127.0.0.1 by
# scripts/pg-test-server.sh (the program itself needs no database software).
$SUDO apt-get install -y -qq --no-install-recommends postgresql postgresql-postgis >/dev/null
# Only for the tests: poppler-utils reads the PDF atlas back (pdffonts, pdftotext,
# pdftoppm), ffmpeg decodes the tour video. The program needs neither.
$SUDO apt-get install -y -qq --no-install-recommends poppler-utils ffmpeg >/dev/null
# Only for the tests: the web atlas (`langson-atlas web`) is opened from file:// in headless
# Chromium (SwiftShader, no GPU) through selenium; PIL reads its screenshots. The program
# needs none of them.
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver python3-selenium python3-pil >/dev/null
