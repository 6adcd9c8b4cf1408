#!/usr/bin/env python3
"""rs_fpga_report: turn Yosys `stat -json` and nextpnr `--report` output into
build/fpga/<arch>/report.json and report.md (date-free, so reports are
reproducible). Python standard library only. Called by fpga/rs_fpga_flow.sh.

usage: rs_fpga_report.py --board B --manifest M --stat S --pnr P
                         --versions V --opts "..." --out-dir D
Errors: one line on stderr ("rs_fpga_report: <what>: <why>"), exit 1.
"""
import argparse
import json
import sys

# Per architecture: how Yosys cell types and nextpnr's utilization map to
# report rows (the part's sizes come from the board file rsgen wrote).
ARCH = {
    "ice40": {
        # report row -> (yosys cell type or prefix, is_prefix)
        "cells": [
            ("LUT4", "SB_LUT4", False),
            ("FF", "SB_DFF", True),
            ("CARRY", "SB_CARRY", False),
            ("DSP (SB_MAC16)", "SB_MAC16", False),
            ("BRAM (SB_RAM40_4K)", "SB_RAM40_4K", False),
            ("SPRAM (SB_SPRAM256KA)", "SB_SPRAM256KA", False),
        ],
        # report row -> nextpnr utilization key
        "util": [
            ("Logic cells (LUT4+FF)", "ICESTORM_LC"),
            ("DSP (SB_MAC16)", "ICESTORM_DSP"),
            ("BRAM (SB_RAM40_4K)", "ICESTORM_RAM"),
            ("SPRAM (SB_SPRAM256KA)", "ICESTORM_SPRAM"),
            ("IO", "SB_IO"),
            ("Global buffers", "SB_GB"),
        ],
        # rows counted from Yosys whose capacity is the part's LUT count
        "capacity": ("LUT4", "FF"),
        "per_pe": False,
    },
    "ecp5": {
        "cells": [
            ("LUT4", "LUT4", False),
            ("CCU2C (carry, 2 LUT4 each)", "CCU2C", False),
            ("FF (TRELLIS_FF)", "TRELLIS_FF", False),
            ("DSP (MULT18X18D)", "MULT18X18D", False),
            ("ALU54B", "ALU54B", False),
            ("BRAM (DP16KD)", "DP16KD", False),
            ("Distributed RAM (TRELLIS_DPR16X4)", "TRELLIS_DPR16X4", False),
        ],
        "util": [
            ("LUT4 (TRELLIS_COMB)", "TRELLIS_COMB"),
            ("FF (TRELLIS_FF)", "TRELLIS_FF"),
            ("Distributed RAM write ports (TRELLIS_RAMW)", "TRELLIS_RAMW"),
            ("Slices (TRELLIS_SLICE)", "TRELLIS_SLICE"),
            ("DSP (MULT18X18D)", "MULT18X18D"),
            ("ALU54B", "ALU54B"),
            ("BRAM (DP16KD)", "DP16KD"),
            ("IO", "TRELLIS_IO"),
        ],
        "capacity": ("LUT4", "FF (TRELLIS_FF)"),
        "per_pe": True,
    },
}


class ReportError(Exception):
    pass


def load_json(path, what):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise ReportError(f"{what}: cannot read {path}: {e.strerror}")
    except ValueError as e:
        raise ReportError(f"{what}: {path} is not valid JSON: {e}")


def yosys_cells(stat):
    """num_cells_by_type of the whole design (flattened top)."""
    design = stat.get("design")
    if isinstance(design, dict) and "num_cells_by_type" in design:
        return design["num_cells_by_type"]
    mods = stat.get("modules", {})
    if len(mods) == 1:
        return next(iter(mods.values())).get("num_cells_by_type", {})
    raise ReportError("stat: no design-level num_cells_by_type (is the design flattened?)")


def pct(used, avail):
    return round(100.0 * used / avail, 2) if avail else None


def fmt_pct(p):
    return "-" if p is None else f"{p:.2f}%"


def read_versions(path):
    tools = {}
    try:
        with open(path, "r", encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if "\t" in line:
                    k, v = line.split("\t", 1)
                    tools[k] = v
    except OSError as e:
        raise ReportError(f"versions: cannot read {path}: {e.strerror}")
    return tools


def read_board(path):
    """board.env of rsgen --board: KEY='value' lines."""
    env = {}
    try:
        with open(path, "r", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    k, v = line.split("=", 1)
                    env[k] = v.strip("'")
    except OSError as e:
        raise ReportError(f"board: cannot read {path}: {e.strerror}")
    for k in ("BOARD", "PART", "ARCH", "PACKAGE", "LUTS"):
        if k not in env:
            raise ReportError(f"board: {path}: missing {k}")
    if env["ARCH"] not in ARCH:
        raise ReportError(f"board: {path}: ARCH {env['ARCH']!r} is not ice40 or ecp5")
    return env


def critical_path(pnr):
    """The longest path nextpnr reports: its first cell's output, its last
    cell's input, its delay and its clock domain."""
    best = None
    for p in pnr.get("critical_paths") or []:
        segs = p.get("path") or []
        if not segs:
            continue
        delay = sum(float(s.get("delay", 0.0)) for s in segs)
        if best is None or delay > best["delay_ns"]:
            first, last = segs[0].get("from", {}), segs[-1].get("to", {})
            best = {"from": f"{first.get('cell', '?')}.{first.get('port', '?')}",
                    "to": f"{last.get('cell', '?')}.{last.get('port', '?')}",
                    "delay_ns": round(delay, 2), "clock": f"{p.get('from', '')} -> {p.get('to', '')}"}
    return best


def build(args):
    board = read_board(args.board)
    a = ARCH[board["ARCH"]]
    man = load_json(args.manifest, "manifest")
    stat = load_json(args.stat, "stat")
    pnr = load_json(args.pnr, "nextpnr report")

    for k in ("rows", "cols", "dw", "pw", "config_hash"):
        if k not in man:
            raise ReportError(f"manifest: {args.manifest}: missing key {k!r}")
    rows, cols = int(man["rows"]), int(man["cols"])
    pes = rows * cols
    if pes <= 0:
        raise ReportError("manifest: rows*cols must be positive")

    by_type = yosys_cells(stat)
    cells = {}
    for row, ctype, prefix in a["cells"]:
        if prefix:
            n = sum(v for k, v in by_type.items() if k.startswith(ctype))
        else:
            n = by_type.get(ctype, 0)
        cap = int(board["LUTS"]) if row in a["capacity"] else None
        cells[row] = {"count": int(n)}
        if cap:
            cells[row]["available"] = cap
            cells[row]["percent"] = pct(n, cap)
        if a["per_pe"]:
            cells[row]["per_pe"] = round(n / pes, 2)

    util_in = pnr.get("utilization", {})
    util = {}
    for row, key in a["util"]:
        if key not in util_in:
            continue
        u, av = int(util_in[key]["used"]), int(util_in[key]["available"])
        util[row] = {"cell": key, "used": u, "available": av, "percent": pct(u, av)}
        if a["per_pe"] and row != "IO":
            util[row]["per_pe"] = round(u / pes, 2)

    clocks = []
    for name, v in sorted(pnr.get("fmax", {}).items()):
        ach, con = float(v.get("achieved", 0.0)), float(v.get("constraint", 0.0))
        clocks.append({"clock": name, "fmax_mhz": round(ach, 2),
                       "constraint_mhz": round(con, 2), "met": ach >= con})
    if clocks:
        worst = min(clocks, key=lambda c: c["fmax_mhz"] - c["constraint_mhz"])
        timing = {"fmax_mhz": worst["fmax_mhz"], "constraint_mhz": worst["constraint_mhz"],
                  "met": all(c["met"] for c in clocks), "clocks": clocks}
    else:
        timing = {"fmax_mhz": None, "constraint_mhz": None, "met": False, "clocks": []}

    timing["critical_path"] = critical_path(pnr)
    rep = {
        "arch": board["ARCH"],
        "device": f"{board['PART']} ({board['PACKAGE']})",
        "board": board["BOARD"],
        "top": "rs_fpga_top (rs_top + rs_uart_bridge)",
        "config": {
            "rows": rows, "cols": cols, "pes": pes,
            "dw": int(man["dw"]), "pw": int(man["pw"]),
            "config_hash": str(man["config_hash"]),
            "rsgen_opts": args.opts,
        },
        "yosys_cells": cells,
        "utilization": util,
        "timing": timing,
        "tools": read_versions(args.versions),
        "bitstream": args.bitstream,
    }
    return rep


def markdown(rep):
    c = rep["config"]
    per_pe = rep["arch"] == "ecp5"
    out = []
    out.append(f"# FPGA report: {rep['device']} ({rep['board']})\n")
    out.append(f"Top: `{rep['top']}`; bitstream `{rep['bitstream']}`.\n")
    out.append(f"Configuration: {c['rows']} x {c['cols']} PEs ({c['pes']}), DW {c['dw']}, "
               f"PW {c['pw']}, config hash {c['config_hash']}; rsgen options `{c['rsgen_opts']}`.\n")
    t = rep["timing"]
    if t["fmax_mhz"] is not None:
        out.append(f"Timing: Fmax {t['fmax_mhz']:.2f} MHz against a {t['constraint_mhz']:.2f} MHz "
                   f"constraint: {'met' if t['met'] else 'NOT met'} (nextpnr estimate).\n")
    else:
        out.append("Timing: no clock found in the nextpnr report.\n")
    cp = t.get("critical_path")
    if cp:
        out.append(f"Critical path ({cp['delay_ns']:.2f} ns): from `{cp['from']}` to `{cp['to']}`.\n")
    out.append("## Place and route utilization (nextpnr)\n")
    hdr = "| resource | used | available | % |" + (" per PE |" if per_pe else "")
    out.append(hdr)
    out.append("|---|---:|---:|---:|" + ("---:|" if per_pe else ""))
    for row, u in rep["utilization"].items():
        line = f"| {row} | {u['used']} | {u['available']} | {fmt_pct(u['percent'])} |"
        if per_pe:
            line += f" {u['per_pe']:.2f} |" if "per_pe" in u else " - |"
        out.append(line)
    out.append("")
    out.append("## Synthesized cells (Yosys)\n")
    hdr = "| cell | count | % of device |" + (" per PE |" if per_pe else "")
    out.append(hdr)
    out.append("|---|---:|---:|" + ("---:|" if per_pe else ""))
    for row, v in rep["yosys_cells"].items():
        line = f"| {row} | {v['count']} | {fmt_pct(v.get('percent'))} |"
        if per_pe:
            line += f" {v['per_pe']:.2f} |"
        out.append(line)
    out.append("")
    if per_pe:
        out.append("Per PE = whole design / (rows x cols): it includes the shared parts "
                   "(UART bridge, GLB, NoC, control), so it over-states one PE on small arrays.\n")
    out.append("## Tools\n")
    for k, v in rep["tools"].items():
        out.append(f"- {k}: {v}")
    out.append("")
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser(description="FPGA report from Yosys stat and nextpnr report")
    p.add_argument("--board", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--stat", required=True)
    p.add_argument("--pnr", required=True)
    p.add_argument("--versions", required=True)
    p.add_argument("--opts", default="")
    p.add_argument("--bitstream", default="")
    p.add_argument("--out-dir", required=True)
    args = p.parse_args()
    try:
        rep = build(args)
        with open(f"{args.out_dir}/report.json", "w", encoding="utf-8") as f:
            json.dump(rep, f, indent=2, sort_keys=False)
            f.write("\n")
        with open(f"{args.out_dir}/report.md", "w", encoding="utf-8") as f:
            f.write(markdown(rep))
    except ReportError as e:
        print(f"rs_fpga_report: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"rs_fpga_report: {args.out_dir}: {e.strerror}", file=sys.stderr)
        return 1
    t = rep["timing"]
    u = rep["utilization"]
    parts = [f"{k} {v['used']}/{v['available']} ({fmt_pct(v['percent'])})"
             for k, v in u.items() if k != "IO" and not k.startswith("Global")]
    fmax = "n/a" if t["fmax_mhz"] is None else f"{t['fmax_mhz']:.2f} MHz"
    print(f"{rep['board']}: {rep['config']['rows']}x{rep['config']['cols']} PEs: " + ", ".join(parts)
          + f"; Fmax {fmax} (target {t['constraint_mhz']} MHz, {'met' if t['met'] else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
