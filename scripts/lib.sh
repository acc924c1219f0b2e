# shellcheck shell=bash
# Shared helpers for scripts/*. Source it; do not run it.

UV_VERSION=0.13.9
export UV_PYTHON_DOWNLOADS=never

log() { printf '[navis] %s\n' "$*" >&2; }
warn() { printf '[navis] WARNING: %s\n' "$*" >&2; }
die() { printf '[navis] ERROR: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# Run a command as root (directly, or through sudo when we are not root).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif have sudo; then sudo "$@"
  else warn "need root for: $* (not root, and no sudo)"; return 1
  fi
}

# Run a command as the postgres OS user, from a directory it can read.
as_postgres() {
  (
    cd /
    if [ "$(id -un)" = postgres ]; then "$@"
    elif [ "$(id -u)" -eq 0 ] && have runuser; then runuser -u postgres -- "$@"
    elif [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    elif have sudo; then sudo -u postgres -- "$@"
    else warn "cannot act as the postgres user (not root, and no sudo)"; return 1
    fi
  )
}

# Poll "$@" every half second for up to $1 seconds.  Usage: wait_for SECONDS cmd...
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

dpkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Install the Debian packages among "$@" that are missing. Returns non-zero if it could not.
_NAVIS_APT_UPDATED=
ensure_apt_packages() {
  local pkg missing=()
  have dpkg-query || { warn "not a Debian-like system; cannot install: $*"; return 1; }
  for pkg in "$@"; do dpkg_installed "$pkg" || missing+=("$pkg"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  have apt-get || { warn "apt-get not found; cannot install: ${missing[*]}"; return 1; }
  log "installing Debian packages: ${missing[*]}"
  if [ -z "$_NAVIS_APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || warn "apt-get update failed"
    _NAVIS_APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Directory of the uv binary that python3's pip installed (e.g. ~/.local/bin), if any.
_uv_pip_bindir() {
  python3 -c 'import os, uv; print(os.path.dirname(uv.find_uv_bin()))' 2>/dev/null
}

# Make `uv` available on PATH, installing uv==$UV_VERSION with pip when it is missing.
ensure_uv() {
  local bin extra out=""
  if ! have uv && have python3 && bin=$(_uv_pip_bindir); then export PATH="$bin:$PATH"; fi
  if ! have uv; then
    if ! have python3 || ! python3 -m pip --version >/dev/null 2>&1; then
      ensure_apt_packages python3 python3-pip || die "need python3 (3.11) with pip to install uv"
    fi
    log "installing uv==$UV_VERSION with pip"
    for extra in "" "--user" "--user --break-system-packages" "--break-system-packages"; do
      # shellcheck disable=SC2086  # $extra is a list of flags
      out=$(python3 -m pip install --quiet --disable-pip-version-check $extra "uv==$UV_VERSION" 2>&1) \
        && { out=""; break; }
    done
    [ -z "$out" ] || { printf '%s\n' "$out" >&2; die "could not install uv with pip"; }
    bin=$(_uv_pip_bindir) || die "pip installed uv, but python3 cannot find its binary"
    export PATH="$bin:$PATH"
    have uv || die "uv was installed into $bin but is not runnable"
  fi
  local v; v=$(uv --version 2>/dev/null | awk '{print $2}')
  [ "$v" = "$UV_VERSION" ] || warn "using uv $v from $(command -v uv); the lock was made with uv $UV_VERSION"
}
