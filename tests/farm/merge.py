#!/usr/bin/env python3
"""merge.py DIR - merge the chunks of a farm run (tests/farm/farm.sh).

Reads DIR/farm.conf and DIR/chunks.tsv and each chunk's layers.csv and
junit.xml (written by tests/regress_summary.sh). Writes DIR/layers.csv (every
layer, with its chunk), DIR/junit.xml (one testsuite per chunk) and
DIR/summary.txt, and prints the summary: bit-exact count, failures with the
command that reproduces each, wall and run time, the cycle model's error
spread (overall and per configuration). A chunk that left no layers.csv (its
task died) has its layers listed by rsregress and reported MISSING, with the
command that reruns the chunk. Exit 1 if any layer is not bit-exact (or not
refused where it must be), 0 otherwise, 2 on bad input.
"""
import csv
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

OK = ("PASS", "REFUSED")


def die(msg):
    print(f"farm merge: {msg}", file=sys.stderr)
    sys.exit(2)


def read_conf(path):
    conf = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                conf[k] = v
    return conf


def pct(sorted_vals, q):
    """the q-quantile (nearest rank) of sorted values"""
    if not sorted_vals:
        return 0.0
    i = max(0, min(len(sorted_vals) - 1, int(q * len(sorted_vals) + 0.5) - 1))
    return sorted_vals[i]


def missing_rows(conf, first, count, chunk_name, rerun):
    """the chunk's layers (rsregress --list) as MISSING rows"""
    cmd = [os.path.join(conf["BIN"], "rsregress"), "--list", "--configs", conf["CONFIGS"],
           "--gen-dir", conf["GEN_DIR"], "--rsrun", os.path.join(conf["BIN"], "rsrun"),
           "--seed", conf["SEED"], "--first", str(first), "--count", str(count)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        die(f"{chunk_name}: cannot list its layers: {e}")
    rows = []
    for line in out.splitlines():
        name, expect, command = line.split("\t", 2)
        config = ""
        w = command.split()
        if "--config" in w:
            config = os.path.basename(w[w.index("--config") + 1])
        shape = w[w.index("--shape") + 1] if "--shape" in w else ""
        group = name.split("-", 1)[1] if "-" in name else name
        rows.append({"name": name, "group": group, "config": config, "shape": shape, "status": "MISSING",
                     "expected_exit": expect, "exit": "", "cycles": "", "expected_cycles": "",
                     "model_error_pct": "", "wall_ms": "0",
                     "message": f"chunk {chunk_name} left no results; rerun it: {rerun}", "command": command})
    return rows


def main():
    if len(sys.argv) != 2:
        die("usage: merge.py DIR")
    d = os.path.abspath(sys.argv[1])
    if not os.path.isfile(os.path.join(d, "chunks.tsv")):
        die(f"{d}/chunks.tsv: missing (not a farm run directory)")
    conf = read_conf(os.path.join(d, "farm.conf"))
    for k in ("COUNT", "SEED", "CONFIGS", "GEN_DIR", "BIN"):
        if k not in conf:
            die(f"{d}/farm.conf: no {k}")
    farm_sh = os.path.join(os.path.dirname(os.path.abspath(__file__)), "farm.sh")

    rows, suites, chunk_info = [], [], []
    header = None
    with open(os.path.join(d, "chunks.tsv")) as f:
        chunks = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for idx, first, count, name in chunks:
        cdir = os.path.join(d, name)
        rerun = f"sh {farm_sh} chunk {d} {idx}"
        csv_path = os.path.join(cdir, "layers.csv")
        times = {}
        if os.path.isfile(os.path.join(cdir, "times")):
            with open(os.path.join(cdir, "times")) as tf:
                times = dict(line.split(None, 1) for line in tf if line.strip())
        if not os.path.isfile(csv_path):
            got = missing_rows(conf, int(first), int(count), name, rerun)
            chunk_info.append((name, "missing", times))
        else:
            with open(csv_path, newline="") as cf:
                r = csv.DictReader(cf)
                header = header or r.fieldnames
                got = list(r)
            if len(got) != int(count):
                die(f"{csv_path}: {len(got)} layers, the plan says {count}")
            chunk_info.append((name, "done", times))
        for row in got:
            row["chunk"] = name
        rows.extend(got)
        # the chunk's JUnit suite, renamed after the chunk; a suite of errors
        # for a chunk that left none
        jpath = os.path.join(cdir, "junit.xml")
        if os.path.isfile(jpath) and os.path.isfile(csv_path):
            try:
                suite = ET.parse(jpath).getroot().find("testsuite")
            except ET.ParseError as e:
                die(f"{jpath}: {e}")
            if suite is None:
                die(f"{jpath}: no testsuite")
            suite.set("name", f"regress.{name}")
        else:
            suite = ET.Element("testsuite", name=f"regress.{name}", tests=str(len(got)), failures="0",
                               errors=str(len(got)), skipped="0", time="0")
            for row in got:
                tc = ET.SubElement(suite, "testcase", classname=f"regress.{row['group']}", name=row["name"],
                                   time="0")
                e = ET.SubElement(tc, "error", type="missing", message=row["message"])
                e.text = f"reproduce: {row['command']}"
        suites.append(suite)

    # layers.csv: the chunks' columns and the chunk
    fields = (header or ["name", "group", "config", "shape", "status", "expected_exit", "exit", "cycles",
                         "expected_cycles", "model_error_pct", "wall_ms", "message", "command"]) + ["chunk"]
    with open(os.path.join(d, "layers.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)

    n = len(rows)
    status = {}
    for r in rows:
        status[r["status"]] = status.get(r["status"], 0) + 1
    failed = [r for r in rows if r["status"] not in OK]
    n_fail = status.get("FAIL", 0)
    n_err = n - n_fail - sum(status.get(s, 0) for s in OK)
    cpu_s = sum(int(r["wall_ms"] or 0) for r in rows) / 1000.0

    # junit.xml
    top = ET.Element("testsuites", name="regress-farm", tests=str(n), failures=str(n_fail), errors=str(n_err),
                     time=f"{cpu_s:.3f}")
    for s in suites:
        top.append(s)
    ET.ElementTree(top).write(os.path.join(d, "junit.xml"), encoding="UTF-8", xml_declaration=True)

    # the summary
    out = []
    wall = ""
    if "START" in conf and "END" in conf:
        wall = f"{int(conf['END']) - int(conf['START'])} s wall, "
    starts = [int(t["start"]) for _, _, t in chunk_info if "start" in t]
    ends = [int(t["end"]) for _, _, t in chunk_info if "end" in t]
    span = f" (chunks ran over {max(ends) - min(starts)} s)" if starts and ends else ""
    bitexact = status.get("PASS", 0)
    out.append(f"farm: {n} layers (seed {conf['SEED']}, {len(chunks)} chunks, runner {conf.get('RUNNER', '?')}): "
               f"{bitexact} bit-exact, {len(failed)} failed; {wall}{cpu_s:.0f} s of runs{span}")
    ran = n - status.get("MISSING", 0)
    if ran:
        out.append(f"  mean {cpu_s / ran:.2f} s per layer run")
    by_cfg = {}
    for r in rows:
        c = by_cfg.setdefault(r["config"], {"n": 0, "ran": 0, "ok": 0, "ms": 0, "err": []})
        c["n"] += 1
        c["ran"] += r["status"] != "MISSING"
        c["ok"] += r["status"] in OK
        c["ms"] += int(r["wall_ms"] or 0)
        if r["model_error_pct"] not in ("", None):
            c["err"].append(float(r["model_error_pct"]))
    for cfg in sorted(by_cfg):
        c = by_cfg[cfg]
        line = f"  {cfg}: {c['ok']}/{c['n']} bit-exact, {c['ms'] / 1000.0 / max(1, c['ran']):.2f} s per layer"
        if c["err"]:
            a = sorted(abs(e) for e in c["err"])
            worst = max(c["err"], key=abs)
            line += (f"; cycle model |error| mean {sum(a) / len(a):.1f}%, median {pct(a, 0.5):.1f}%, "
                     f"worst {worst:+.1f}%")
        out.append(line)
    errs = [(float(r["model_error_pct"]), r["name"]) for r in rows if r["model_error_pct"] not in ("", None)]
    if errs:
        a = sorted(abs(e) for e, _ in errs)
        we, wn = max(errs, key=lambda x: abs(x[0]))
        out.append(f"  cycle model vs hardware counters on {len(errs)} layers: mean |error| "
                   f"{sum(a) / len(a):.1f}%, median {pct(a, 0.5):.1f}%, 90th pct {pct(a, 0.9):.1f}%, "
                   f"worst {we:+.1f}% ({wn})")
    missing_chunks = [name for name, st, _ in chunk_info if st == "missing"]
    if missing_chunks:
        out.append(f"  chunks without results: {' '.join(missing_chunks)} (rerun one with: sh {farm_sh} chunk {d} I, "
                   f"then merge again: sh {farm_sh} merge {d})")
    for r in failed[:20]:
        out.append(f"{r['status']} {r['name']}: {r['message']}\n  reproduce: {r['command']}")
    if len(failed) > 20:
        out.append(f"... and {len(failed) - 20} more failures ({d}/layers.csv)")
    out.append(f"  results: {d}/layers.csv, {d}/junit.xml, {d}/summary.txt; each chunk's logs in {d}/chunk-*/logs")
    text = "\n".join(out) + "\n"
    with open(os.path.join(d, "summary.txt"), "w") as f:
        f.write(text)
    sys.stdout.write(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
