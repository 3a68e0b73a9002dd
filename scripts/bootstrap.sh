#!/usr/bin/env bash
# synack bootstrap: installs everything the project needs, idempotently.
#   - Debian packages (the one list below)
#   - Debian source packages of imgui and libsdl2, unpacked under .cache/src
#   - SDL2 built for WebAssembly into .cache/sdl2-wasm
#   - playwright-core from npm (lockfile committed) into node_modules
# A second run only checks stamps and finishes in well under 10 s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
mkdir -p "$CACHE"
log() { printf '[bootstrap] %s\n' "$*"; }

# ---- 1. Debian packages: the one list -------------------------------------------
PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates ccache
  emscripten
  libsdl2-dev libimgui-dev libstb-dev libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev
  fonts-dejavu-core fonts-wqy-microhei fonttools
  chromium xvfb xauth libegl-mesa0 libgl1-mesa-dri
  tshark
  clang-14 libclang-rt-14-dev valgrind
  iproute2 nftables ethtool
)
# The bench command compares with ns-3 (its pkg-config files name libgsl.so, hence gsl).
[ "${1:-}" = --with-ns3 ] && PACKAGES+=(libns3-dev libgsl-dev)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
missing=()
for p in "${PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # tshark asks whether non-root users may capture; answer no, non-interactively.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- 2. Debian source packages: imgui and libsdl2 -------------------------------
SRC="$CACHE/src"
IMGUI_DIR="$SRC/imgui"
SDL_SRC_DIR="$SRC/SDL2"
if [ ! -f "$SRC/sources.stamp" ]; then
  log "fetching Debian source packages imgui and libsdl2"
  mkdir -p "$SRC/apt/lists/partial" "$SRC/apt/parts" "$SRC/dl"
  # The deb-src entries mirror the machine's own Debian entries (same URIs, suites and
  # components, as apt itself reads them from sources.list or deb822 files), so any
  # configured mirror works and none is named here.
  debian_targets() {
    apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(ORIGIN)' 'Created-By: Packages' 2>/dev/null \
      | awk '$4 == "Debian" { print $1, $2, $3 }' | sort -u
  }
  targets=$(debian_targets)
  [ -n "$targets" ] || { $SUDO apt-get update -qq; targets=$(debian_targets); }
  if [ -z "$targets" ]; then
    log "error: apt has no Debian package source configured (apt-get indextargets lists none);"
    log "       add the machine's Debian mirror to /etc/apt/sources.list.d/ and run again"
    exit 1
  fi
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  : > "$SRC/apt/parts/src.sources"
  while read -r uri suite component; do
    {
      echo "Types: deb-src"
      echo "URIs: $uri"
      echo "Suites: $suite"
      echo "Components: $component"
      [ -f "$keyring" ] && echo "Signed-By: $keyring"
      echo
    } >> "$SRC/apt/parts/src.sources"
  done <<< "$targets"
  o=(-oDir::Etc::SourceList=/dev/null -oDir::Etc::SourceParts="$SRC/apt/parts"
     -oDir::State::Lists="$SRC/apt/lists" -oDebug::NoLocking=1 -oAPT::Sandbox::User=root)
  $SUDO apt-get "${o[@]}" update -qq
  (cd "$SRC/dl" && $SUDO apt-get "${o[@]}" source --download-only -qq libsdl2 imgui)
  rm -rf "$IMGUI_DIR" "$SDL_SRC_DIR"
  mkdir -p "$IMGUI_DIR" "$SDL_SRC_DIR"
  tar xJf "$SRC"/dl/imgui_*.orig.tar.xz -C "$IMGUI_DIR" --strip-components=1
  tar xzf "$SRC"/dl/libsdl2_*.orig.tar.gz -C "$SDL_SRC_DIR" --strip-components=1
  touch "$SRC/sources.stamp"
fi

# ---- 3. SDL2 for WebAssembly ------------------------------------------------------
export NODE_PATH=/usr/share/nodejs
SDL_PREFIX="$CACHE/sdl2-wasm"
if [ ! -f "$SDL_PREFIX/lib/libSDL2.a" ]; then
  log "building SDL2 for WebAssembly (about 20 s; the first emcmake run adds ~2 min)"
  rm -rf "$CACHE/sdl2-wasm-build"
  emcmake cmake -S "$SDL_SRC_DIR" -B "$CACHE/sdl2-wasm-build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
    -DCMAKE_INSTALL_PREFIX="$SDL_PREFIX" >"$CACHE/sdl2-wasm-configure.log" 2>&1 \
    || { tail -40 "$CACHE/sdl2-wasm-configure.log"; exit 1; }
  cmake --build "$CACHE/sdl2-wasm-build" -j"$(nproc)" >"$CACHE/sdl2-wasm-build.log" 2>&1 \
    || { tail -40 "$CACHE/sdl2-wasm-build.log"; exit 1; }
  cmake --install "$CACHE/sdl2-wasm-build" >/dev/null
fi

# ---- 4. npm: playwright-core (exact version pinned by package-lock.json) --------
if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.stamp" ]; then
  log "installing npm packages (playwright-core)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  touch "$ROOT/node_modules/.stamp"
fi

# ---- 5. Capture corpus: the test captures of Debian's tcpdump and wireshark sources --
# The capture importer's tests read real files nobody here made. Reuses block 2's apt
# state (its generated src.sources and lists), so the deb-src entry is the same.
CAPTURES="$SRC/captures"
if [ ! -f "$CAPTURES/captures.stamp" ]; then
  log "fetching Debian source packages tcpdump and wireshark (their test captures)"
  o=(-oDir::Etc::SourceList=/dev/null -oDir::Etc::SourceParts="$SRC/apt/parts"
     -oDir::State::Lists="$SRC/apt/lists" -oDebug::NoLocking=1 -oAPT::Sandbox::User=root)
  mkdir -p "$SRC/dl-captures"
  $SUDO apt-get "${o[@]}" update -qq
  # The newest source may be a security update some mirrors do not carry in full (seen:
  # a 404 for wireshark's); the release's own version (the machine's codename) serves.
  if ! (cd "$SRC/dl-captures" && $SUDO apt-get "${o[@]}" source --download-only -qq tcpdump wireshark); then
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || { log "error: cannot fetch tcpdump and wireshark sources"; exit 1; }
    log "the newest tcpdump/wireshark sources are not on the mirror; fetching $codename's own"
    rm -rf "$SRC/dl-captures" && mkdir -p "$SRC/dl-captures"
    (cd "$SRC/dl-captures" && $SUDO apt-get "${o[@]}" source --download-only -qq "tcpdump/$codename" "wireshark/$codename")
  fi
  rm -rf "$CAPTURES"
  mkdir -p "$CAPTURES/tcpdump" "$CAPTURES/wireshark"
  # The upstream tarball, not its signature; only the capture files: tcpdump's tests/
  # and wireshark's test/captures/.
  orig() { ls "$SRC"/dl-captures/"$1"_*.orig.tar.* | grep -v '\.asc$'; }
  tar xf "$(orig tcpdump)" -C "$CAPTURES/tcpdump" --strip-components=2 \
    --wildcards '*/tests/*.pcap' '*/tests/*.pcapng'
  tar xf "$(orig wireshark)" -C "$CAPTURES/wireshark" --strip-components=3 \
    --wildcards '*/test/captures/*'
  # Some are gzipped; the importer reads plain pcap and pcapng.
  find "$CAPTURES" -name '*.gz' -exec gunzip -f {} +
  touch "$CAPTURES/captures.stamp"
fi
log "ready"
