#!/usr/bin/python3
"""Tests of `hrsnn report` / scripts/report/render.py (issue 5, "Figures").

Usage: test_report.py CASE --renderer scripts/report/render.py --workdir DIR [--hrsnn BIN]

Synthetic cases write small run folders of each kind with the layout the hrsnn commands use,
render them with --strict and check: exactly the expected figures are listed in figures.json,
each has a valid non-empty PNG (at least 600 px wide) and an SVG, index.html references both,
and the page's tables carry values computed here independently from the synthetic input.
CLI cases run the real binary (simulate / mc, then report). Exit status 0 = pass.
"""
import argparse
import json
import os
import random
import shutil
import struct
import subprocess
import sys

FAILS = []


def check(cond, msg):
    """Records a failed expectation (all are reported, then the test fails)."""
    if not cond:
        FAILS.append(msg)
        print("FAIL: " + msg, file=sys.stderr)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_json(path, obj):
    write(path, json.dumps(obj))


def fresh(workdir, name):
    d = os.path.join(workdir, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


# ---- synthetic run folders ------------------------------------------------------------------

def make_network(d, rng, n=60, hetero=True):
    rows = ["id,type,tau_m,v_rest,v_reset,v_th,v_init,tau_ref,tau_syn_e,tau_syn_i"]
    for i in range(n):
        t = "E" if i < int(0.8 * n) else "I"
        tau = rng.gammavariate(3, 20 / 3) if hetero and t == "E" else (20 if t == "E" else 10)
        vth = -65 + (rng.gammavariate(25, 15 / 25) if hetero else 15)
        rows.append("%d,%s,%r,-65,-65,%r,-60,2,5,10" % (i, t, tau, vth))
    write(os.path.join(d, "neurons.csv"), "\n".join(rows) + "\n")
    syn = ["pre,post,weight,delay,tau_plus,tau_minus,eta_plus,eta_minus,w_min,w_max"]
    for k in range(300):
        pre, post = rng.randrange(n), rng.randrange(n)
        if pre < int(0.8 * n) and post < int(0.8 * n):
            tp = rng.gammavariate(3, 20 / 3) if hetero else 20
            syn.append("%d,%d,%r,1,%r,20,0.01,0.0105,0,20" % (pre, post, rng.uniform(0, 20), tp))
        else:
            syn.append("%d,%d,%r,1,,,,,," % (pre, post, -5.0 if pre >= int(0.8 * n) else 5.0))
    write(os.path.join(d, "synapses.csv"), "\n".join(syn) + "\n")


def make_sim(workdir, name="sim", with_network=True):
    rng = random.Random(1)
    d = fresh(workdir, name)
    write_json(os.path.join(d, "run.json"), {"command": "simulate", "version": "test"})
    write_json(os.path.join(d, "settings.json"), {"network": "generated", "duration_ms": 500.0, "dt_ms": 1.0})
    spikes = sorted((rng.randrange(500), rng.randrange(60)) for _ in range(1500))
    write(os.path.join(d, "spikes.csv"), "neuron,step,time\n" + "".join("%d,%d,%d\n" % (i, s, s) for s, i in spikes))
    write_json(os.path.join(d, "metrics.json"), {"neurons": 60, "spikes": len(spikes), "rate_e_hz": 50.0})
    write(os.path.join(d, "config.toml"), "dt = 1.0\n[network]\nn = 60\n")
    if with_network:
        make_network(os.path.join(d, "network"), rng)
    return d


def stats(values):
    m = sum(values) / len(values)
    s = (sum((v - m) ** 2 for v in values) / (len(values) - 1)) ** 0.5 if len(values) > 1 else 0.0
    return {"mean": m, "std": s, "n": len(values), "values": values}


def make_task(workdir, name, kind, variants=("MRSNN", "HeNHoS", "HoNHeS", "HeNHeS"), seeds=(1, 2, 3)):
    """mc (capacity), lorenz (prediction) or fsdd/ucr (confusion) folders as `hrsnn run` writes them."""
    rng = random.Random(sum(map(ord, kind)))
    d = fresh(workdir, name)
    write_json(os.path.join(d, "run.json"), {"command": "mc" if kind == "mc" else "run", "version": "test"})
    write(os.path.join(d, "config.toml"), "[task]\nkind = '%s'\n[encoding]\nwindow_ms = 20.0\n" % kind)
    runs, summary = [], {"task": kind, "description": "synthetic " + kind, "seeds": list(seeds), "variants": {}}
    for v in variants:
        scal = {}
        for s in seeds:
            det = {"rate_hist_hz": [rng.expovariate(0.1) for _ in range(50)], "logdet_stdp": None}
            sc = {"S": rng.uniform(0.1, 0.5), "rate_hz": rng.uniform(5, 20)}
            if kind == "mc":
                det["capacity_per_delay"] = [max(0.0, 0.5 * 0.6 ** k + rng.gauss(0, 0.01)) for k in range(40)]
                det["null_threshold"] = 0.02
                sc["capacity_corrected"] = sum(det["capacity_per_delay"][:4])
                sc["efficiency"] = sc["capacity_corrected"] / sc["S"]
            elif kind == "lorenz":
                truth = [10 * ((t % 50) / 25.0 - 1) for t in range(400)]
                det["truth_h1"] = truth
                det["prediction_h1"] = [x + rng.gauss(0, 1) for x in truth]
                sc["nrmse_h1"], sc["persistence_h1"], sc["ar_h1"] = rng.uniform(0.2, 0.4), 0.15, 0.05
            else:
                k = 10 if kind == "fsdd" else 2
                det["confusion"] = [[rng.randrange(0, 3) + (25 if i == j else 0) for j in range(k)] for i in range(k)]
                sc["accuracy"] = sum(det["confusion"][i][i] for i in range(k)) / sum(map(sum, det["confusion"]))
            runs.append({"label": kind, "variant": v, "seed": s, "scalars": sc, "details": det})
            for m, x in sc.items():
                scal.setdefault(m, []).append(x)
        summary["variants"][v] = {m: stats(x) for m, x in scal.items()}
    write(os.path.join(d, "runs.jsonl"), "".join(json.dumps(r) + "\n" for r in runs))
    write_json(os.path.join(d, "summary.json"), summary)
    claims = []
    if kind == "mc":
        sv = summary["variants"]
        claims = [{"id": "C1", "name": "capacity-up", "metric": "capacity_corrected", "a": "HeNHoS", "b": "MRSNN",
                   "mean_a": sv["HeNHoS"]["capacity_corrected"]["mean"], "std_a": sv["HeNHoS"]["capacity_corrected"]["std"],
                   "mean_b": sv["MRSNN"]["capacity_corrected"]["mean"], "std_b": sv["MRSNN"]["capacity_corrected"]["std"],
                   "p_value": 0.0123, "holds": True, "n": 3, "alternative": "greater"},
                  {"id": "C2", "name": "spikes-down", "metric": "S", "a": "HoNHeS", "b": "MRSNN",
                   "mean_a": 0.2, "std_a": 0.01, "mean_b": 0.3, "std_b": 0.02, "p_value": 0.4321, "holds": False,
                   "n": 3, "alternative": "less", "capacity_kept_within_5pct": True}]
    write_json(os.path.join(d, "claims.json"), claims)
    return d, summary


def make_bo(workdir, name="bo"):
    rng = random.Random(5)
    d = fresh(workdir, name)
    lines = [json.dumps({"type": "header", "format": "hrsnn-bo-journal/1", "fingerprint": "abc",
                         "space": "x:real:linear:0:1;", "signature": "maximize=0"})]
    objs = []
    for e in range(25):
        x = rng.random()
        failed = e in (3, 17)
        obj = None if failed else (x - 0.3) ** 2 + 0.1
        objs.append((obj, x, e))
        lines.append(json.dumps({"type": "eval", "eval": e, "round": 0 if e < 8 else 1 + (e - 8) // 2, "index": e,
                                 "params": {"x": x}, "status": "failed" if failed else "ok", "objective": obj,
                                 "error": "boom" if failed else ""}))
    write(os.path.join(d, "journal.jsonl"), "\n".join(lines) + "\n" + '{"type": "eval", "eval": 25, "par')  # torn
    best = min((o, x, e) for o, x, e in objs if o is not None)
    return d, best


# ---- checks ---------------------------------------------------------------------------------

def render(renderer, run_dir, *extra):
    p = subprocess.run([sys.executable, renderer, run_dir, "--strict", "--quiet"] + list(extra),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300)
    if p.returncode != 0:
        print(p.stdout + p.stderr, file=sys.stderr)
    return p


def png_width(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return 0
    return struct.unpack(">I", head[16:20])[0]


def check_report(run_dir, expected, report_dir=None):
    """Exactly `expected` figures, each valid PNG + SVG referenced from index.html; returns the page."""
    rep = report_dir or os.path.join(run_dir, "report")
    index = os.path.join(rep, "index.html")
    check(os.path.isfile(index), "%s missing" % index)
    page = open(index, encoding="utf-8").read() if os.path.isfile(index) else ""
    manifest = json.load(open(os.path.join(rep, "figures.json"))) if os.path.isfile(os.path.join(rep, "figures.json")) else []
    names = sorted(f["name"] for f in manifest)
    check(names == sorted(expected), "%s: figures %s, expected %s" % (run_dir, names, sorted(expected)))
    for name in expected:
        png, svg = os.path.join(rep, name + ".png"), os.path.join(rep, name + ".svg")
        check(os.path.isfile(png) and png_width(png) >= 600, "%s: not a PNG at least 600 px wide" % png)
        check(os.path.isfile(svg) and os.path.getsize(svg) > 1000 and "<svg" in open(svg, encoding="utf-8").read(2000),
              "%s: not an SVG" % svg)
        check("src='%s.png'" % name in page and "href='%s.svg'" % name in page, "index.html does not show %s" % name)
    return page


def case_sim(a):
    d = make_sim(a.workdir)
    check(render(a.renderer, d).returncode == 0, "render of a simulate folder failed")
    page = check_report(d, ["raster", "rate_hist", "neuron_params", "stdp_params", "stdp_window"])
    check("rate_e_hz" in page, "metrics.json not shown on the page")
    d2 = make_sim(a.workdir, "sim_nonet", with_network=False)  # no network: raster + rates only
    check(render(a.renderer, d2).returncode == 0, "render without network failed")
    check_report(d2, ["raster", "rate_hist"])


def case_mc(a):
    d, summary = make_task(a.workdir, "mc", "mc")
    check(render(a.renderer, d).returncode == 0, "render of an mc folder failed")
    page = check_report(d, ["metrics_bars", "capacity_per_delay", "rate_hist_variants", "claims"])
    m = summary["variants"]["HeNHoS"]["capacity_corrected"]["mean"]
    check(("%.4g" % m) in page, "summary mean %.4g of HeNHoS capacity not in the metrics table" % m)
    check("0.0123" in page and "0.432" in page, "claims p-values (3 significant digits) not in the page")
    check(page.count("class='ok'>holds") == 1 and page.count("does not hold") == 1, "claim verdicts wrong on the page")


def case_prediction(a):
    d, _ = make_task(a.workdir, "lorenz", "lorenz")
    check(render(a.renderer, d).returncode == 0, "render of a lorenz folder failed")
    check_report(d, ["metrics_bars", "rate_hist_variants", "prediction"])


def case_classification(a):
    for kind, credit in (("fsdd", "Free Spoken Digit Dataset"), ("ucr", "Dau et al. 2019")):
        d, summary = make_task(a.workdir, kind, kind, variants=("MRSNN", "HeNHeS", "BO-MRSNN", "BO-HRSNN", "Custom"))
        check(render(a.renderer, d).returncode == 0, "render of a %s folder failed" % kind)
        page = check_report(d, ["metrics_bars", "rate_hist_variants", "confusion"])
        check(credit in page, "%s page lacks the data credit" % kind)
        check(credit in open(os.path.join(d, "report", "confusion.svg"), encoding="utf-8").read(),
              "%s confusion figure lacks the data credit" % kind)


def case_bo(a):
    d, (best_obj, best_x, best_eval) = make_bo(a.workdir)
    check(render(a.renderer, d).returncode == 0, "render of a BO folder failed")
    page = check_report(d, ["bo_convergence"])
    check("25 evaluations, 2 failed" in page, "evaluation counts wrong on the page")
    check("evaluation %d," % best_eval in page, "best evaluation %d not named" % best_eval)
    check(("%.4g" % best_x) in page, "best parameter x = %.4g not in the table" % best_x)


def case_bo_pareto(a):
    # A multi-objective run: the convergence figure plus the front and hypervolume figure.
    d, _ = make_bo(a.workdir, "bo_pareto")
    lines = open(os.path.join(d, "journal.jsonl")).read().splitlines()[:-1]
    rows = [json.loads(l) for l in lines]
    for r in rows[1:]:
        r["metrics"] = {"S": 1.0 - r["params"]["x"]}
    write(os.path.join(d, "journal.jsonl"), "\n".join(json.dumps(r) for r in rows) + "\n")
    write(os.path.join(d, "pareto.csv"), "eval,objective,S,x\n0,0.2,0.5,0.5\n1,0.3,0.3,0.7\n")
    write(os.path.join(d, "hypervolume.csv"), "eval,hypervolume\n" + "".join("%d,%g\n" % (e, 0.01 * e) for e in range(25)))
    write_json(os.path.join(d, "metrics.json"), {"pareto": {"metrics": ["S"], "reference": [1.0, 1.0]}})
    check(render(a.renderer, d).returncode == 0, "render of a multi-objective BO folder failed")
    check_report(d, ["bo_convergence", "bo_pareto"])


def case_reproduce(a):
    top = fresh(a.workdir, "repro")
    write_json(os.path.join(top, "run.json"), {"command": "reproduce", "version": "test"})
    make_task(top, "mc", "mc")
    make_sim(top, "sim")
    os.makedirs(os.path.join(top, "not_a_run"))
    _, claims_src = None, json.load(open(os.path.join(top, "mc", "claims.json")))
    # C4 as hrsnn reproduce writes it: no values of its own, one paired test per part.
    part = lambda metric, a, b, holds: {"a": "BO-HRSNN", "b": "MRSNN", "metric": metric, "mean_a": a, "mean_b": b,
                                        "std_a": 0.1, "std_b": 0.1, "p_value": 0.01 if holds else 0.9, "n": 5,
                                        "alternative": "greater", "holds": holds}
    c4 = {"id": "C4", "name": "bo-beats-mrsnn", "a": "BO-HRSNN", "b": "MRSNN", "metric": "several", "holds": False,
          "tests": [part("efficiency", 4.0, 3.0, True), part("fsdd accuracy", 0.8, 0.9, False)]}
    # Both protocols, as hrsnn reproduce writes them; "claims" repeats the default protocol's.
    paper = [dict(c, holds=False) for c in claims_src] + [c4]
    write_json(os.path.join(top, "claims.json"), {"mode": "quick", "claims": claims_src + [c4], "protocols": {
        "default": {"claims": claims_src + [c4], "settings": []},
        "paper": {"claims": paper, "settings": ["encoding.kind=poisson"]}}})
    check(render(a.renderer, top).returncode == 0, "render of a reproduce folder failed")
    page = check_report(top, ["claims_default", "claims_paper"])
    check("bo-beats-mrsnn" in page, "C4 missing from the claims table")
    check("Claims — default protocol" in page and "Claims — paper protocol" in page,
          "the claims of both protocols must be shown side by side")
    for child in ("mc", "sim"):
        check("href='../%s/report/index.html'" % child in page, "top page does not link %s" % child)
        check(os.path.isfile(os.path.join(top, child, "report", "index.html")), "%s not rendered" % child)
    check("not_a_run" not in page, "a folder without run.json was treated as a run")
    check("quick mode" in page, "claims mode not shown")


def case_robust(a):
    d = fresh(a.workdir, "garbage")
    write_json(os.path.join(d, "run.json"), {"command": "run"})
    write(os.path.join(d, "summary.json"), "{not json")
    write(os.path.join(d, "runs.jsonl"), "garbage\n{\"variant\": 3, \"details\": {\"capacity_per_delay\": \"x\"}}\n")
    write(os.path.join(d, "claims.json"), "[1, {\"id\": \"C9\"}]")
    write(os.path.join(d, "journal.jsonl"), "")
    p = render(a.renderer, d)
    check(p.returncode == 0, "a folder with broken files must still render (rc %d)" % p.returncode)
    check_report(d, [])


def case_bad_input(a):
    def expect_error(args, needle):
        p = subprocess.run([sys.executable, a.renderer] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=120)
        check(p.returncode == 2, "%s: exit %d, expected 2" % (args, p.returncode))
        check(needle in p.stderr, "%s: message %r lacks %r" % (args, p.stderr.strip(), needle))
    expect_error([os.path.join(a.workdir, "does_not_exist")], "does not exist")
    empty = fresh(a.workdir, "empty")
    expect_error([empty], "not an hrsnn run folder")
    write(os.path.join(empty, "file.txt"), "x")
    expect_error([os.path.join(empty, "file.txt")], "is not a folder")


def run_bin(args, cwd):
    p = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                       timeout=300)
    if p.returncode != 0:
        print(" ".join(args) + "\n" + p.stdout + p.stderr, file=sys.stderr)
    return p


def case_cli(a):
    h, w = a.hrsnn, fresh(a.workdir, "cli")
    check(run_bin([h, "simulate", "--duration", "1000", "--dt", "1", "--set", "network.n=200",
                   "--export-network", "sim/network", "--out", "sim"], w).returncode == 0, "hrsnn simulate failed")
    check(run_bin([h, "report", "sim", "--quiet"], w).returncode == 0, "hrsnn report sim failed")
    check_report(os.path.join(w, "sim"), ["raster", "rate_hist", "neuron_params", "stdp_params", "stdp_window"])
    check(run_bin([h, "mc", "--set", "network.n=100", "--set", "experiment.seeds=2", "--set", "task.train=300",
                   "--set", "task.test=200", "--out", "mc"], w).returncode == 0, "hrsnn mc failed")
    check(run_bin([h, "report", "mc", "--out", "mc_report", "--quiet"], w).returncode == 0, "hrsnn report mc failed")
    check_report(os.path.join(w, "mc"), ["metrics_bars", "capacity_per_delay", "rate_hist_variants", "claims"],
                 os.path.join(w, "mc_report"))
    for args, needle in ((["report", "missing_dir"], "does not exist"), (["report", "sim/network"], "not an hrsnn run")):
        p = run_bin([h] + args, w)
        check(p.returncode == 2 and needle in p.stderr, "hrsnn %s: exit %d, message %r" % (args, p.returncode, p.stderr))


def make_sweep(workdir, name, keys, points, seeds=(1, 2, 3)):
    """A sweep folder: run.json, runs.jsonl (which must not feed the per-variant figures) and a
    summary.csv of MRSNN and HoNHeS with their paired difference at every point."""
    d = fresh(workdir, name)
    write_json(os.path.join(d, "run.json"), {"command": "sweep", "version": "0.2.0", "settings": {}})
    rng = random.Random(5)
    lines = ["point," + ",".join(keys) + ",variant,minus,metric,mean,std,n,p_value"]
    for i, values in enumerate(points, 1):
        cells = ",".join(values)
        for metric in ("capacity_corrected", "S"):
            a, b = rng.uniform(1, 3), rng.uniform(1, 3)
            lines.append("%d,%s,MRSNN,,%s,%r,0.1,%d," % (i, cells, metric, b, len(seeds)))
            lines.append("%d,%s,HoNHeS,,%s,%r,0.1,%d," % (i, cells, metric, a, len(seeds)))
            lines.append("%d,%s,HoNHeS,MRSNN,%s,%r,0.05,%d,%r" % (i, cells, metric, a - b, len(seeds), rng.uniform(0, 0.1)))
    write(os.path.join(d, "summary.csv"), "\n".join(lines) + "\n")
    write(os.path.join(d, "runs.jsonl"), "".join(json.dumps({"label": "sweep", "point": 1, "variant": "MRSNN", "seed": s,
                                                             "scalars": {"capacity_corrected": 1.0}}) + "\n" for s in seeds))
    return d


def case_sweep(a):
    # Two varying keys: heat maps; one: lines over its values; the per-variant run figures are not drawn.
    two = make_sweep(a.workdir, "sweep2", ["heterogeneity.stdp_shape", "stdp.eta_minus"],
                     [(k, e) for k in ("1", "3", "point") for e in ("0.004", "0.006")])
    check(render(a.renderer, two).returncode == 0, "render of a two-key sweep folder failed")
    figs = ["sweep_capacity_corrected", "sweep_diff_capacity_corrected", "sweep_S", "sweep_diff_S"]
    check_report(two, figs)
    one = make_sweep(a.workdir, "sweep1", ["network.n", "heterogeneity.stdp_families"],
                     [("200", '"[""tau_plus""]"'), ("500", '"[""tau_plus""]"')])
    check(render(a.renderer, one).returncode == 0, "render of a one-key sweep folder failed")
    check_report(one, figs)


CASES = {"sim": case_sim, "mc": case_mc, "prediction": case_prediction, "classification": case_classification,
         "bo": case_bo, "bo_pareto": case_bo_pareto, "reproduce": case_reproduce, "robust": case_robust, "bad_input": case_bad_input,
         "cli": case_cli, "sweep": case_sweep}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("case", choices=sorted(CASES))
    p.add_argument("--renderer", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--hrsnn")
    a = p.parse_args()
    a.workdir = os.path.abspath(os.path.join(a.workdir, a.case))
    os.makedirs(a.workdir, exist_ok=True)
    if a.case == "cli" and not a.hrsnn:
        p.error("the cli case needs --hrsnn")
    CASES[a.case](a)
    print("%s: %s" % (a.case, "FAILED (%d)" % len(FAILS) if FAILS else "passed"))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
