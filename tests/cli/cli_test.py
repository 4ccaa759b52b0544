"""Command-line tests of the hrsnn executable: examples at reduced size and behaviour on bad input.

Usage: python3 cli_test.py --hrsnn PATH --source PROJECT_DIR CASE
Each CASE is one ctest (tests/cli/CMakeLists.txt). Every case runs in a fresh temporary working
directory. Data come from $HRSNN_DATA_DIR (ctest sets it from the HRSNN_DATA_DIR cache variable).
Exit status: 0 pass, 1 fail, 77 skipped (with the reason printed).
"""
import argparse
import hashlib
import json
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
RUN_FILES = ["run.json", "config.toml", "summary.json", "claims.json", "summary.csv", "runs.jsonl", "log.txt"]
VARIANTS = {"MRSNN", "HeNHoS", "HoNHeS", "HeNHeS"}
HRSNN = ""
SOURCE = pathlib.Path(".")


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def hrsnn(*args, timeout=900):
    """Runs hrsnn; returns (exit status, stdout, stderr)."""
    p = subprocess.run([HRSNN, *map(str, args)], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def show(args):
    return "hrsnn " + " ".join(map(str, args))


def expect_ok(*args, timeout=900):
    rc, out, err = hrsnn(*args, timeout=timeout)
    check(rc == 0, f"`{show(args)}` exited {rc}; stderr:\n{err[-2000:]}")
    return out, err


def expect_bad_input(*args, names=(), status=2):
    """Bad input: the documented status (2), a one-line 'hrsnn: error' style message naming
    every string in `names`, no crash (negative status = killed by a signal)."""
    rc, out, err = hrsnn(*args, timeout=300)
    check(rc >= 0, f"`{show(args)}` crashed (signal {-rc}); stderr:\n{err[-2000:]}")
    check(rc == status, f"`{show(args)}` exited {rc}, expected {status}; stderr:\n{err[-2000:]}")
    check("terminate called" not in err and "Aborted" not in err, f"`{show(args)}` aborted:\n{err}")
    for n in names:
        check(str(n) in err, f"`{show(args)}`: message does not name '{n}':\n{err}")
    return err


def data_dir():
    d = os.environ.get("HRSNN_DATA_DIR") or str(SOURCE / ".." / "shared" / "data")
    check(pathlib.Path(d, "ucr").is_dir() and pathlib.Path(d, "fsdd").is_dir(),
          f"shared data not found at '{d}': set HRSNN_DATA_DIR (folder holding ucr/ and fsdd/)")
    return d


def example(name):
    return SOURCE / "examples" / name


def digest(folder):
    """Name → sha256 of every file under folder (to show a folder is left intact)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(pathlib.Path(folder).rglob("*")) if p.is_file()}


def jsonl(path):
    return [json.loads(l) for l in pathlib.Path(path).read_text().splitlines() if l.strip()]


# ---------------------------------------------------------------- run folders of run / mc

def check_run_folder(run, n_seeds, command):
    run = pathlib.Path(run)
    for f in RUN_FILES:
        check((run / f).is_file() and (run / f).stat().st_size > 0, f"{run}/{f} missing or empty")
    meta = json.loads((run / "run.json").read_text())
    check(meta.get("command") == command and meta.get("version"), f"run.json: {meta}")
    summary = json.loads((run / "summary.json").read_text())
    check(set(summary["variants"]) == VARIANTS, f"summary.json variants: {list(summary['variants'])}")
    check(len(summary["seeds"]) == n_seeds, f"summary.json seeds: {summary['seeds']}")
    jobs = jsonl(run / "runs.jsonl")
    keys = [(j["variant"], j["seed"]) for j in jobs]
    check(len(keys) == len(set(keys)) == 4 * n_seeds, f"runs.jsonl holds {len(keys)} jobs, {len(set(keys))} distinct")
    for v, m in summary["variants"].items():
        for metric, s in m.items():
            check(s["n"] == len(s["values"]) and s["n"] <= n_seeds, f"{v}.{metric}: n = {s['n']}")
            vals = [x for x in s["values"] if x is not None]
            if vals and all(math.isfinite(x) for x in vals):
                mean = sum(vals) / len(vals)
                check(math.isclose(s["mean"], mean, rel_tol=1e-9, abs_tol=1e-12), f"{v}.{metric}: mean {s['mean']} != {mean}")
    rows = (run / "summary.csv").read_text().splitlines()
    check(rows[0].split(",")[:3] == ["variant", "metric", "mean"], f"summary.csv header: {rows[0]}")
    check(len(rows) - 1 == sum(len(m) for m in summary["variants"].values()), "summary.csv rows != summary.json metrics")
    claims = json.loads((run / "claims.json").read_text())
    check(isinstance(claims, list), "claims.json is not a list")
    for c in claims:
        check(isinstance(c["holds"], bool) and c["id"] in {"C1", "C2", "C3", "C4"}, f"claim {c}")
        if c.get("p_value") is not None:
            check(0.0 <= c["p_value"] <= 1.0, f"claim {c['id']}: p = {c['p_value']}")
    check(len((run / "log.txt").read_text().splitlines()) >= 2, "log.txt has fewer than 2 lines")
    return summary, jobs


def values(summary, metric):
    out = []
    for v, m in summary["variants"].items():
        check(metric in m, f"{v}: no metric '{metric}' in summary.json")
        out += m[metric]["values"]
    return out


def rerun_from_config(run, summary):
    """The run folder's config.toml alone repeats the run exactly."""
    expect_ok("run", pathlib.Path(run) / "config.toml", "--out", "again")
    again = json.loads(pathlib.Path("again/summary.json").read_text())
    check(again["variants"] == summary["variants"], "re-running RUN/config.toml gave different numbers")


REDUCED = ["--set", "network.n=60", "--set", "experiment.seeds=2"]
SERIES = REDUCED + ["--set", "task.train=300", "--set", "task.test=200"]


def case_example_memory_capacity():
    k = 20
    args = ["mc", example("memory_capacity.toml"), *SERIES, "--set", f"task.max_delay={k}", "--set", "task.washout=50"]
    expect_ok(*args, "--out", "run")
    summary, jobs = check_run_folder("run", 2, "mc")
    for c in values(summary, "capacity_corrected") + values(summary, "capacity_raw"):
        check(0.0 <= c <= k, f"capacity {c} outside [0, max_delay = {k}]")
    for v, m in summary["variants"].items():
        for c, s, e in zip(m["capacity_corrected"]["values"], m["S"]["values"], m["efficiency"]["values"]):
            check(s > 0 and math.isfinite(s), f"{v}: S = {s}")
            check(math.isclose(e, c / s, rel_tol=1e-9, abs_tol=1e-12), f"{v}: efficiency {e} != C/S = {c / s}")
        for r, c in zip(m["capacity_raw"]["values"], m["capacity_corrected"]["values"]):
            check(c <= r + 1e-12, f"{v}: corrected capacity {c} exceeds raw {r}")
    for j in jobs:
        per = j["details"]["capacity_per_delay"]
        check(len(per) == k and all(0.0 <= x <= 1.0 + 1e-12 for x in per), f"capacity_per_delay: {per}")
    check(sorted(c["id"] for c in json.loads(pathlib.Path("run/claims.json").read_text())) == ["C1", "C2", "C3"],
          "mc must test claims C1-C3")
    rerun_from_config("run", summary)


def prediction(name):
    expect_ok("run", example(name), *SERIES, "--out", "run")
    summary, _ = check_run_folder("run", 2, "run")
    for h in (1, 10):
        for prefix in ("nrmse", "persistence", "ar"):
            for x in values(summary, f"{prefix}_h{h}"):
                check(math.isfinite(x) and x > 0, f"{prefix}_h{h} = {x}")
    # Baselines do not depend on the network: equal across variants and seeds.
    for prefix in ("persistence", "ar"):
        vals = values(summary, f"{prefix}_h1")
        check(max(vals) - min(vals) <= 1e-12 * max(1.0, abs(max(vals))), f"{prefix}_h1 differs across networks: {vals}")
    return summary


def case_example_lorenz():
    rerun_from_config("run", prediction("lorenz.toml"))


def case_example_mackey_glass():
    prediction("mackey_glass.toml")


def case_example_paper():
    # examples/paper/ runs the paper's protocol (Poisson spikes, counts, reservoir-only readout)
    # while examples/*.toml write out the project's defaults: the resolved config says which,
    # and the reported score is the reservoir-only readout's under the paper's protocol.
    data_dir()
    import tomllib
    for name in ["memory_capacity", "lorenz", "mackey_glass", "ucr_gunpoint", "ucr_basicmotions", "fsdd"]:
        check((SOURCE / "examples" / "paper" / f"{name}.toml").is_file(), f"examples/paper/{name}.toml missing")
    for name, kind, features, readout_input in [("lorenz", "current", "traces", True), ("paper/lorenz", "poisson", "counts", False),
                                               ("paper/memory_capacity", "poisson", "counts", None)]:
        sets = SERIES + (["--set", "task.max_delay=20", "--set", "task.washout=50"] if "memory" in name else [])
        out = name.replace("/", "_")
        expect_ok("run", example(name + ".toml"), *sets, "--out", out)
        conf = tomllib.loads((pathlib.Path(out) / "config.toml").read_text())
        check(conf["encoding"]["kind"] == kind and conf["task"]["features"] == features,
              f"{name}: resolved encoding.kind {conf['encoding']['kind']}, task.features {conf['task']['features']}")
        if readout_input is not None:
            check(conf["task"]["readout_input"] == readout_input, f"{name}: readout_input {conf['task']['readout_input']}")
            summary = json.loads((pathlib.Path(out) / "summary.json").read_text())
            chosen = "nrmse_resin_h1" if readout_input else "nrmse_res_h1"
            check(values(summary, "nrmse_h1") == values(summary, chosen), f"{name}: nrmse_h1 is not {chosen}")


def classification(name, extra, n_test, n_classes):
    data_dir()
    expect_ok("run", example(name), *REDUCED, *extra, "--out", "run")
    summary, jobs = check_run_folder("run", 2, "run")
    for a in values(summary, "accuracy"):
        check(0.0 <= a <= 1.0, f"accuracy {a} outside [0, 1]")
        check(abs(a * n_test - round(a * n_test)) < 1e-6, f"accuracy {a} is not k/{n_test}")
    for j in jobs:
        conf = j["details"]["confusion"]
        check(len(conf) == n_classes and all(len(r) == n_classes for r in conf), f"confusion matrix shape: {conf}")
        total = sum(map(sum, conf))
        check(total == n_test, f"confusion matrix counts {total} test items, expected {n_test}")
        trace = sum(conf[i][i] for i in range(n_classes))
        check(math.isclose(trace / total, j["scalars"]["accuracy"], abs_tol=1e-12), "accuracy != trace/total of confusion")


def case_example_ucr_gunpoint():
    classification("ucr_gunpoint.toml", [], 150, 2)


def case_example_ucr_basicmotions():
    classification("ucr_basicmotions.toml", [], 40, 4)


def case_example_fsdd():
    classification("fsdd.toml", ["--set", "task.max_train_per_label_speaker=1"], 300, 10)


# ---------------------------------------------------------------- simulate --network

def reference_spikes(folder, duration, dt):
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    import network_reference
    return network_reference.simulate(str(folder), duration, dt)


def exact_time(step, dt):
    """step·dt as the exact decimal product, e.g. 3 × 0.1 → '0.3' (docs/network-files.md)."""
    from decimal import Decimal
    t = Decimal(step) * Decimal(dt)
    s = format(t.normalize(), "f")
    return s


def case_example_network():
    net = example("network")
    expect_ok("simulate", "--network", net, "--duration", "100", "--dt", "0.1", "--out", "sim")
    for f in ["spikes.csv", "metrics.json", "settings.json", "run.json", "log.txt"]:
        check(pathlib.Path("sim", f).is_file(), f"sim/{f} missing")
    lines = pathlib.Path("sim/spikes.csv").read_text().splitlines()
    check(lines[0] == "neuron,step,time", f"spikes.csv header: {lines[0]}")
    rows = [l.split(",") for l in lines[1:]]
    got = [(int(n), int(s)) for n, s, _ in rows]
    check(got == sorted(got, key=lambda x: (x[1], x[0])), "spikes.csv not sorted by step then neuron")
    for n, s, t in rows:
        check(t == exact_time(int(s), "0.1"), f"time '{t}' of step {s} is not the exact decimal {exact_time(int(s), '0.1')}")
    ref = reference_spikes(net, 100.0, 0.1)
    check(len({n for n, _ in ref}) == 4, "example network: every neuron should spike (reference)")
    check(got == ref, f"spikes differ from the independent Python reference:\n hrsnn {got}\n ref   {ref}")
    m = json.loads(pathlib.Path("sim/metrics.json").read_text())
    check(m["spikes"] == len(got) and m["neurons"] == 4 and m["steps"] == 1000, f"metrics.json: {m}")
    # --plastic: static synapses keep their weights exactly, plastic ones stay in [w_min, w_max].
    expect_ok("simulate", "--network", net, "--duration", "100", "--dt", "0.1", "--plastic", "--out", "plastic")
    w = [float(x) for x in pathlib.Path("plastic/weights.csv").read_text().splitlines()[1:]]
    import csv
    syn = [r for r in csv.DictReader(l for l in open(net / "synapses.csv") if not l.startswith("#"))]
    syn += [r for r in csv.DictReader(l for l in open(net / "input_synapses.csv") if not l.startswith("#"))]
    check(len(w) == len(syn), f"weights.csv has {len(w)} rows for {len(syn)} synapses")
    for wi, r in zip(w, syn):
        if (r.get("eta_plus") or "") == "":
            check(wi == float(r["weight"]), f"static synapse {r} changed to {wi}")
        else:
            check(float(r["w_min"]) <= wi <= float(r["w_max"]), f"plastic synapse {r} left its bounds: {wi}")
    # The example's delays (0.2, 0.3 ms) are not multiples of dt = 0.5 ms: refused, file:line named.
    expect_bad_input("simulate", "--network", net, "--duration", "100", "--dt", "0.5", "--out", "bad",
                     names=["synapses.csv:", "dt"])
    check(not pathlib.Path("bad").exists(), "a refused simulate left a run folder behind")


# ---------------------------------------------------------------- command line

HELP = {
    None: ["--help", "--version", "simulate", "run", "mc", "sweep", "optimize", "report"],
    "simulate": ["--network", "--config", "--set", "--seed", "--export-network", "--duration", "--dt", "--plastic",
                 "--pairing", "--out", "--force"],
    "run": ["config", "--set", "--out", "--force", "--resume", "--threads"],
    "mc": ["config", "--set", "--out", "--force", "--resume", "--threads"],
    "sweep": ["config", "--grid", "--set", "--out", "--threads", "--dry-run", "--yes", "--force", "[sweep]"],
    "optimize": ["config", "--out", "--resume", "--threads", "--seed", "--quiet"],
    "report": ["RUN_DIR", "--out", "--strict", "--quiet"],
}


def case_help():
    for sub, options in HELP.items():
        args = ["--help"] if sub is None else [sub, "--help"]
        out, _ = expect_ok(*args)
        for o in options:
            check(o in out, f"`{show(args)}` does not name '{o}'")
    out, _ = expect_ok("--version")
    check(out.strip(), "--version printed nothing")


def case_help_examples():
    # KNOWN FAILURE (reported to the lead): issue 5 asks every --help for an example;
    # `hrsnn optimize --help` has none. Do not weaken this test; fix cmd_optimize.cpp.
    for sub in ["simulate", "run", "mc", "sweep", "optimize", "report"]:
        out, _ = expect_ok(sub, "--help")
        check("Example" in out and "hrsnn " + sub in out, f"`hrsnn {sub} --help` shows no example command")


def case_bad_usage():
    expect_bad_input()                               # no subcommand
    expect_bad_input("frobnicate")
    expect_bad_input("simulate", "--duration", "10", "--out", "x", "--frobnicate", names=["--frobnicate"])
    expect_bad_input("mc", "--out", "x", "--threads", "abc")
    expect_bad_input("simulate", "--out", "x")       # --duration is required
    expect_bad_input("run", example("lorenz.toml"))  # --out is required
    # Errors name the keys the user wrote, not the encoder's internals, before any folder exists.
    expect_bad_input("mc", *MC_TINY, "--set", "dt=0.3", "--out", "x", names=["encoding.window_ms", "dt = 0.3"])
    expect_bad_input("mc", *MC_TINY, "--set", "dt=10", "--out", "x", names=["encoding.r_max_hz", "dt = 10"])
    check(not pathlib.Path("x").exists(), "a refused command left a run folder behind")


def write(name, text):
    pathlib.Path(name).write_text(text)
    return name


def case_config_parse_error():
    bad = write("bad.toml", "dt = 1.0\n[network]\nn = 60\nfoo = [1, 2\n")
    expect_bad_input("run", bad, "--out", "r", names=["bad.toml:4"])
    expect_bad_input("mc", bad, "--out", "r", names=["bad.toml:4"])
    expect_bad_input("simulate", "--config", bad, "--duration", "10", "--out", "r", names=["bad.toml:4"])
    dup = write("dup.toml", "[network]\nn = 60\nn = 70\n")
    expect_bad_input("run", dup, "--out", "r", names=["dup.toml:3"])
    check(not pathlib.Path("r").exists(), "a refused command left a run folder behind")


def case_unknown_key():
    f = write("unk.toml", "[network]\nn = 60\nnn = 5\n")
    expect_bad_input("run", f, "--out", "r", names=["unk.toml:3", "network.nn"])
    f = write("unk2.toml", "[task]\nkind = \"lorenz\"\n\n[netwrok]\nn = 60\n")
    expect_bad_input("run", f, "--out", "r", names=["unk2.toml:5", "netwrok.n"])
    expect_bad_input("simulate", "--config", f, "--duration", "10", "--out", "r", names=["netwrok.n"])


def case_wrong_type():
    for key, text, line in [("network.n", 'n = "sixty"', 2), ("network.frac_exc", 'frac_exc = "most"', 2),
                            ("network.topology", "topology = 3", 2)]:
        f = write("t.toml", f"[network]\n{text}\n")
        expect_bad_input("run", f, "--out", "r", names=[f"t.toml:{line}", key])
    f = write("t2.toml", "[task]\nstdp_phase = 3\n")
    expect_bad_input("mc", f, "--out", "r", names=["t2.toml:2", "task.stdp_phase"])
    f = write("t3.toml", "[experiment]\nvariants = [\"MRSNN\", \"Nope\"]\n")
    expect_bad_input("mc", f, "--out", "r", names=["t3.toml:2", "Nope"])
    f = write("t4.toml", '[task]\nkind = "weather"\n')
    expect_bad_input("run", f, "--out", "r", names=["t4.toml:2", "task.kind", "weather"])


def case_out_of_range():
    cases = [("[network]\nn = -1\n", "network.n"),
             ("[network]\nn = 0\n", "network.n"),
             ("[network.connectivity]\np_in = 1.5\n", "network.connectivity.p_in"),
             ("[network]\nfrac_exc = -0.1\n", "network.frac_exc"),
             ("[neurons.exc]\ntau_m = -20.0\n", "neurons.exc.tau_m"),
             ("[neurons.inh]\ntau_syn_i = -10.0\n", "neurons.inh.tau_syn_i"),
             ("[neurons.exc]\ntau_m = { law = \"normal\", mean = 20.0, cv = 0.5 }\n", "neurons.exc.tau_m"),
             ("[stdp]\ntau_plus = -5.0\n", "stdp.tau_plus"),
             ("[experiment]\nseeds = 0\n", "experiment.seeds"),
             ("dt = -1.0\n", "dt"),
             ("[task]\nmax_delay = 100\nwashout = 10\n", "task.washout")]
    for i, (text, key) in enumerate(cases):
        f = write(f"r{i}.toml", text)
        line = text[: text.index(key.split(".")[-1] + " =")].count("\n") + 1
        expect_bad_input("mc", f, "--out", "r", names=[f"r{i}.toml:{line}", key])
    check(not pathlib.Path("r").exists(), "a refused command left a run folder behind")


def case_bad_set():
    expect_bad_input("mc", "--set", "network.bogus=3", "--out", "r", names=["network.bogus"])
    expect_bad_input("mc", "--set", "network.n", "--out", "r", names=["network.n"])
    expect_bad_input("mc", "--set", "network.n=abc", "--out", "r", names=["network.n"])
    expect_bad_input("mc", "--set", "network.n=-1", "--out", "r", names=["network.n", "-1"])
    expect_bad_input("mc", "--set", "network.connectivity.p_in=1.5", "--out", "r", names=["p_in", "1.5"])
    expect_bad_input("run", example("lorenz.toml"), "--set", "task.horizon=[1]", "--out", "r", names=["task.horizon"])
    expect_bad_input("simulate", "--duration", "10", "--set", "neurons.exc.tau_mm=3", "--out", "r", names=["neurons.exc.tau_mm"])
    check(not pathlib.Path("r").exists(), "a refused command left a run folder behind")


def case_missing_paths():
    expect_bad_input("run", "no_such.toml", "--out", "r", names=["no_such.toml"])
    expect_bad_input("mc", "no_such.toml", "--out", "r", names=["no_such.toml"])
    expect_bad_input("simulate", "--config", "no_such.toml", "--duration", "10", "--out", "r", names=["no_such.toml"])
    expect_bad_input("simulate", "--network", "no_such_net", "--duration", "10", "--out", "r", names=["no_such_net"])
    expect_bad_input("run", example("ucr_gunpoint.toml"), "--set", "task.path=no_such_ucr", "--out", "r", names=["no_such_ucr"])
    expect_bad_input("run", example("fsdd.toml"), "--set", "task.path=no_such_fsdd", "--out", "r", names=["no_such_fsdd"])
    f = write("csv.toml", '[task]\nkind = "csv"\npath = "no_such.csv"\n')
    expect_bad_input("run", f, "--out", "r", names=["no_such.csv"])
    expect_bad_input("report", "no_such_run", names=["no_such_run"])
    # The default data folder is relative to the working folder: absent here without HRSNN_DATA_DIR.
    env = dict(os.environ)
    env.pop("HRSNN_DATA_DIR", None)
    p = subprocess.run([HRSNN, "run", str(example("fsdd.toml")), "--out", "r"], capture_output=True, text=True, env=env, timeout=120)
    check(p.returncode == 2 and "../shared/data/fsdd" in p.stderr, f"default data folder: exit {p.returncode}: {p.stderr}")
    check(not pathlib.Path("r").exists(), "a refused command left a run folder behind")


def case_empty_dataset():
    d = data_dir()
    os.mkdir("empty")
    expect_bad_input("run", example("fsdd.toml"), "--set", "task.path=empty", "--out", "r", names=["empty"])
    expect_bad_input("run", example("ucr_gunpoint.toml"), "--set", "task.path=empty", "--out", "r", names=["GunPoint"])
    expect_bad_input("run", example("ucr_gunpoint.toml"), "--set", f"task.path={d}/ucr", "--set", "task.name=NoSuchSet",
                     "--out", "r", names=["NoSuchSet"])
    os.mkdir("misnamed")
    shutil.copy(pathlib.Path(d, "fsdd/recordings/0_george_7.wav"), "misnamed/hello.wav")
    expect_bad_input("run", example("fsdd.toml"), "--set", "task.path=misnamed", "--out", "r", names=["hello.wav"])
    os.mkdir("zero")
    pathlib.Path("zero/0_bob_7.wav").write_bytes(b"")
    expect_bad_input("run", example("fsdd.toml"), "--set", "task.path=zero", "--out", "r", names=["0_bob_7.wav"])
    os.makedirs("ucr/GunPoint")
    pathlib.Path("ucr/GunPoint/GunPoint_TRAIN.ts").write_text("")
    pathlib.Path("ucr/GunPoint/GunPoint_TEST.ts").write_text("")
    expect_bad_input("run", example("ucr_gunpoint.toml"), "--set", "task.path=ucr", "--out", "r", names=["GunPoint_TRAIN.ts"])
    # Only test-split recordings (index 0-4): no training data.
    # KNOWN FAILURE (reported to the lead): the message is "BandNormalizer: no training data",
    # which names neither the folder nor the cause (no recordings with index 5-49).
    os.mkdir("testonly")
    for f in ["0_george_1.wav", "1_george_1.wav"]:
        shutil.copy(pathlib.Path(d, "fsdd/recordings", f), "testonly")
    expect_bad_input("run", example("fsdd.toml"), "--set", "task.path=testonly", "--out", "r", names=["testonly"])
    check(not pathlib.Path("r").exists(), "a refused command left a run folder behind")


MC_TINY = ["--set", "network.n=60", "--set", "experiment.seeds=2", "--set", "task.train=300", "--set", "task.test=200",
           "--set", "task.max_delay=20", "--set", "task.washout=50"]


def case_existing_run():
    expect_ok("mc", *MC_TINY, "--out", "run")
    before = digest("run")
    summary_before = json.loads(pathlib.Path("run/summary.json").read_text())
    expect_bad_input("mc", *MC_TINY, "--out", "run", names=["run", "--force", "--resume"])
    expect_bad_input("simulate", "--duration", "10", "--set", "network.n=20", "--out", "run", names=["run", "--force"])
    expect_bad_input("run", example("lorenz.toml"), *SERIES, "--out", "run", names=["run"])
    # --resume with other settings is refused too (it would mix two runs).
    expect_bad_input("mc", *MC_TINY, "--set", "task.shuffles=3", "--out", "run", "--resume", names=["run"])
    check(digest("run") == before, "a refused command changed the existing run folder")
    # A folder of someone else's files is not a run: refused and left alone.
    os.mkdir("mine")
    pathlib.Path("mine/notes.txt").write_text("keep me\n")
    expect_bad_input("simulate", "--duration", "10", "--set", "network.n=20", "--out", "mine", names=["mine"])
    check(digest("mine") == {"notes.txt": hashlib.sha256(b"keep me\n").hexdigest()}, "foreign folder changed")
    pathlib.Path("afile").write_text("x")
    expect_bad_input("simulate", "--duration", "10", "--set", "network.n=20", "--out", "afile", names=["afile"])
    # --force replaces it, --resume of a finished run changes no result.
    expect_ok("mc", *MC_TINY, "--out", "run", "--resume")
    check(json.loads(pathlib.Path("run/summary.json").read_text()) == summary_before,
          "--resume of a finished run changed summary.json")
    check(len(jsonl("run/runs.jsonl")) == 8, "--resume of a finished run repeated jobs")
    expect_ok("simulate", "--duration", "10", "--set", "network.n=20", "--out", "run", "--force")
    check(pathlib.Path("run/spikes.csv").is_file(), "--force did not write the new run")


def case_resume_mc():
    import signal
    import time
    # One job at a time so the kill lands between jobs of a known order; the uninterrupted run
    # uses two threads (results must not depend on it).
    # The ESN baseline is off: resume is about the journal, and the ESN's search would dominate
    # the run time under the sanitizers.
    args = ["mc", "--set", "network.n=200", "--set", "experiment.seeds=2", "--set", "task.train=1200",
            "--set", "task.test=400", "--set", "task.max_delay=30", "--set", "task.washout=50", "--set", "task.esn=false"]
    total = 8
    expect_ok(*args, "--threads", "2", "--out", "whole")
    args += ["--threads", "1"]
    whole = json.loads(pathlib.Path("whole/summary.json").read_text())
    p = subprocess.Popen([HRSNN, *args, "--out", "cut"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = pathlib.Path("cut/runs.jsonl")
    while p.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 1:
            p.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    p.wait()
    if p.returncode == 0:
        raise Failure("the run finished before it could be interrupted; enlarge the test problem")
    done_before = [(j["variant"], j["seed"]) for j in jsonl(journal)]
    check(0 < len(done_before) < total, f"interrupted run journal holds {len(done_before)} jobs")
    print(f"interrupted after {len(done_before)} of {total} jobs")
    first_lines = journal.read_text().splitlines()[: len(done_before)]
    expect_ok(*args, "--out", "cut", "--resume")
    jobs = jsonl(journal)
    keys = [(j["variant"], j["seed"]) for j in jobs]
    check(len(keys) == total and len(set(keys)) == total,
          f"after --resume runs.jsonl has {len(keys)} lines for {len(set(keys))} (variant, seed) pairs")
    check(journal.read_text().splitlines()[: len(first_lines)] == first_lines, "--resume rewrote finished jobs")
    cut = json.loads(pathlib.Path("cut/summary.json").read_text())
    check(cut["variants"] == whole["variants"], "resumed summary.json 'variants' differ from the uninterrupted run")
    check(pathlib.Path("cut/claims.json").read_text() == pathlib.Path("whole/claims.json").read_text(),
          "resumed claims.json differs")


def case_interrupt_mc():
    import signal
    import time
    # Ctrl-C (SIGINT) stops a comparison between jobs: exit 130, a message naming --resume, every
    # finished job kept; --resume then gives the uninterrupted run's summary.
    args = ["mc", "--set", "network.n=200", "--set", "experiment.seeds=2", "--set", "task.train=1200",
            "--set", "task.test=400", "--set", "task.max_delay=30", "--set", "task.washout=50", "--set", "task.esn=false"]
    expect_ok(*args, "--threads", "2", "--out", "whole")
    args += ["--threads", "1"]
    p = subprocess.Popen([HRSNN, *args, "--out", "cut"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    journal = pathlib.Path("cut/runs.jsonl")
    while p.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 1:
            p.send_signal(signal.SIGINT)
            break
        time.sleep(0.005)
    _, err = p.communicate(timeout=300)
    if p.returncode == 0:
        raise Failure("the run finished before it could be interrupted; enlarge the test problem")
    check(p.returncode == 130, f"interrupted run exited {p.returncode}, expected 130; stderr: {err}")
    check("--resume" in err and "interrupted" in err, f"no interruption message naming --resume: {err}")
    done = len(jsonl(journal))
    check(0 < done < 8, f"interrupted run journal holds {done} jobs")
    expect_ok(*args, "--out", "cut", "--resume")
    check(json.loads(pathlib.Path("cut/summary.json").read_text())["variants"] ==
          json.loads(pathlib.Path("whole/summary.json").read_text())["variants"], "resumed summary differs from the uninterrupted run")


def case_simulate_options():
    # --precision and --layout: refused values name the option and leave no run folder behind.
    net = SOURCE / "examples" / "network"
    base = ["simulate", "--network", net, "--duration", "200", "--dt", "0.1", "--plastic"]
    expect_bad_input(*base, "--pairing", "all", "--layout", "compact", "--out", "a", names=("compact", "all-to-all"))
    check(not pathlib.Path("a").exists(), "a refused simulate left a run folder")
    expect_bad_input(*base, "--precision", "half", "--out", "b", names=("--precision", "half"))
    check(not pathlib.Path("b").exists(), "a refused simulate left a run folder")
    expect_ok(*base, "--precision", "single", "--out", "c")
    metrics = json.loads(pathlib.Path("c/metrics.json").read_text())
    settings = json.loads(pathlib.Path("c/settings.json").read_text())
    check(metrics["plastic_layout"] == "compact" and settings["precision"] == "single", f"{metrics} {settings}")
    expect_ok(*base, "--layout", "wide", "--out", "d")
    check(json.loads(pathlib.Path("d/metrics.json").read_text())["plastic_layout"] == "wide", "--layout wide ignored")


def case_optimize_run_folder():
    # `hrsnn optimize` writes a run folder like every command (run.json, the config, a log), and
    # bad input inside it (it runs while the command line is parsed) exits 2 with a message.
    config = SOURCE / "tests" / "bo" / "data" / "branin.toml"
    expect_ok("optimize", config, "--out", "bo", "--quiet")
    run = json.loads(pathlib.Path("bo/run.json").read_text())
    check(run["command"] == "optimize" and run["version"] and run["objective"] == "branin", f"run.json {run}")
    check(pathlib.Path("bo/config.toml").read_text() == config.read_text(), "config.toml is not the config given")
    check("started optimize" in pathlib.Path("bo/log.txt").read_text(), "log.txt lacks the start line")
    metrics = json.loads(pathlib.Path("bo/metrics.json").read_text())
    best = [l for l in pathlib.Path("bo/journal.jsonl").read_text().splitlines()[1:] if l.strip()]
    objectives = [json.loads(l)["objective"] for l in best if not json.loads(l).get("error")]
    check(metrics["evaluations"] == len(best) and math.isclose(metrics["best_objective"], min(objectives)),
          f"metrics.json {metrics} does not match the journal (best {min(objectives)})")
    kept = digest("bo")
    expect_bad_input("optimize", config, "--out", "bo", names=("journal", "--resume"))
    check(digest("bo") == kept, "a refused rerun changed the folder")
    expect_ok("optimize", config, "--out", "bo", "--resume", "--quiet")
    check("resumed optimize" in pathlib.Path("bo/log.txt").read_text(), "log.txt lacks the resume line")
    write("bad.toml", "[objective]\nname = \"branin\"\n[bo]\nbudget = -3\n")
    expect_bad_input("optimize", "bad.toml", "--out", "bad", names=("bad.toml",))
    expect_bad_input("optimize", "missing.toml", names=("missing.toml",))


def case_reproduce_quick():
    # The README's main command end to end: every step folder, claims.json with C1-C4 in the
    # documented form, the paper's W2 kernel in the BO steps, each step's wall time in the log,
    # and --resume after losing a step recomputes just that step and writes the same claims.
    data_dir()
    out, _ = expect_ok("reproduce", "--quick", "--out", "rq", "--threads", "2", timeout=1500)
    top = pathlib.Path("rq")
    steps = ["mc_N500", "lorenz", "mackey-glass", "fsdd", "bo-hrsnn-lorenz", "bo-mrsnn-lorenz"]
    for step in steps + ["paper-" + s for s in steps]:
        check((top / step / "run.json").exists(), f"step folder {step} missing or without run.json")
    log = (top / "log.txt").read_text()
    for step in steps + ["paper-" + s for s in steps]:
        check(re.search(r"step %s: [0-9.]+ s" % re.escape(step), log) is not None, f"no wall time of step {step} in log.txt")
    claims = json.loads((top / "claims.json").read_text())
    check(claims["mode"] == "quick", f"mode {claims['mode']}")
    check(sorted(claims["protocols"]) == ["default", "paper"], f"protocols {list(claims['protocols'])}")
    check(claims["claims"] == claims["protocols"]["default"]["claims"], "claims must be the default protocol's")
    for name, protocol in claims["protocols"].items():
        ids = [c["id"] for c in protocol["claims"]]
        check(ids == ["C1", "C2", "C3", "C4"], f"{name}: claim ids {ids}")
        names = [c["name"] for c in protocol["claims"]]
        check(names == ["capacity-up", "spikes-down", "efficiency-up", "bo-beats-mrsnn"], f"{name}: claim names {names}")
        for c in protocol["claims"]:
            check(isinstance(c["holds"], bool), f"{name} {c['id']}: holds is not a boolean")
            if c["id"] != "C4":
                check(0.0 <= c["p_value"] <= 1.0 and c["n"] == 5, f"{name} {c['id']}: p {c.get('p_value')} n {c.get('n')}")
                check(all(k in c for k in ("mean_a", "mean_b", "std_a", "std_b")), f"{name} {c['id']}: values without spread")
            elif "reason" in c:  # a hard-constrained search may end without a feasible winner: said, not hidden
                check(c["holds"] is False and c["tests"] == [] and "constraint" in c["reason"], f"{name}: C4 without a winner")
            else:
                # Score test, spike test, and the spike budget re-checked on the test seeds.
                check(len(c["tests"]) >= 3 and all(0.0 <= t["p_value"] <= 1.0 for t in c["tests"] if "p_value" in t),
                      f"{name}: C4 tests")
                deciding = [t for t in c["tests"] if not t["metric"].endswith(" S")]
                check(c["holds"] == all(t["holds"] for t in deciding), f"{name}: C4 holds must be the conjunction of its tests")
                reeval = json.loads((top / (protocol["step_prefix"] + "bo-hrsnn-lorenz") / "reevaluation.json").read_text())
                check(isinstance(reeval.get("constraints_met"), bool) and len(reeval["constraints"]) >= 1,
                      f"{name}: the winner's constraints re-checked on fresh seeds")
                bo_m = json.loads((top / (protocol["step_prefix"] + "bo-hrsnn-lorenz") / "metrics.json").read_text())
                if "best_objective" in bo_m:  # the search's question: validation score vs the MRSNN's
                    ref = bo_m["reference"]["objective"]
                    check(bo_m["winner_beats_reference"] == (bo_m["best_objective"] < ref) and ref == bo_m["reference"]["nrmse_h1"],
                          f"{name}: winner_beats_reference {bo_m}")
                    check(c["validation"]["lorenz"]["winner_better"] == bo_m["winner_beats_reference"],
                          f"{name}: C4's validation comparison {c.get('validation')} differs from the search's metrics.json")
    # Each protocol's steps ran under its own settings.
    import tomllib
    for step, kind in [("lorenz", "current"), ("paper-lorenz", "poisson"), ("paper-mc_N500", "poisson")]:
        conf = tomllib.loads((top / step / "config.toml").read_text())
        check(conf["encoding"]["kind"] == kind, f"{step}: encoding.kind {conf['encoding']['kind']}, expected {kind}")
    check("encoding.kind=poisson" in (top / "paper-bo-hrsnn-lorenz.toml").read_text(), "the paper protocol's BO must run under it")
    bo_cfg = (top / "bo-hrsnn-lorenz.toml").read_text()
    check('network.n=500' in bo_cfg and 'spike_budget = 1.0' in bo_cfg and 'hrsnn_lorenz' in bo_cfg,
          "BO-HRSNN must search the task objective at the judged size under the spike budget")
    check('kernel = "w2"' in bo_cfg and bo_cfg.count("[[bo.family]]") == 7, "BO-HRSNN must use the W2 kernel over 7 families")
    before = (top / "claims.json").read_text()
    # The paper protocol's capacity step: one of the cheapest (~1 min) that feeds claims.
    shutil.rmtree(top / "paper-mc_N500")
    (top / "claims.json").unlink()
    kept = {k: v for k, v in digest(top / "mc_N500").items() if k != "log.txt"}  # the log may grow
    expect_ok("reproduce", "--quick", "--out", "rq", "--threads", "2", "--resume", timeout=900)
    check((top / "claims.json").read_text() == before, "claims.json after --resume differs from the first run")
    check({k: v for k, v in digest(top / "mc_N500").items() if k != "log.txt"} == kept, "--resume rewrote a finished step")


def case_resume_torn_journal():
    # A crash during an append leaves a torn last line in runs.jsonl. --resume must skip it AND
    # keep every job it then appends readable, so a later --resume repeats nothing.
    args = ["mc", *MC_TINY, "--threads", "1"]
    expect_ok(*args, "--out", "whole")
    whole = json.loads(pathlib.Path("whole/summary.json").read_text())
    os.makedirs("cut")
    for f in ["run.json", "config.toml", "log.txt"]:
        shutil.copy(pathlib.Path("whole", f), "cut")
    lines = pathlib.Path("whole/runs.jsonl").read_text().splitlines()
    pathlib.Path("cut/runs.jsonl").write_text(lines[0] + "\n" + lines[1][: len(lines[1]) // 2])
    expect_ok(*args, "--out", "cut", "--resume")
    check(json.loads(pathlib.Path("cut/summary.json").read_text())["variants"] == whole["variants"],
          "resume over a torn journal gave different numbers")
    parsed = []
    for l in pathlib.Path("cut/runs.jsonl").read_text().splitlines():
        try:
            parsed.append(json.loads(l))
        except json.JSONDecodeError:
            pass
    keys = {(j["variant"], j["seed"]) for j in parsed}
    # KNOWN FAILURE if the torn tail is not cut: the first record appended after it is glued onto
    # it and unreadable, so that job would be run again by the next --resume.
    check(len(keys) == 8, f"after --resume only {len(keys)} of 8 jobs are readable in runs.jsonl")


def case_force_keeps_user_files():
    # --force removes only what hrsnn wrote (the run folder's manifest) and names what it kept.
    sim = ["simulate", "--duration", "20", "--set", "network.n=20", "--out", "run"]
    expect_ok(*sim)
    pathlib.Path("run/thesis.tex").write_text("\\documentclass{article}\n")
    os.makedirs("run/figures")
    pathlib.Path("run/figures/f.png").write_bytes(b"png")
    pathlib.Path("run/spikes.csv").write_text("stale\n")  # hrsnn's own file: replaced
    _, err = expect_ok(*sim, "--force")
    check(pathlib.Path("run/thesis.tex").read_text().startswith("\\documentclass"), "--force removed thesis.tex")
    check(pathlib.Path("run/figures/f.png").read_bytes() == b"png", "--force removed a user's sub-folder")
    check(pathlib.Path("run/spikes.csv").read_text() != "stale\n", "--force kept hrsnn's old spikes.csv")
    check("thesis.tex" in err and "figures/f.png" in err, f"--force did not name what it kept:\n{err}")
    # A folder with a run.json but no manifest (not hrsnn's, or an older hrsnn's) is refused.
    os.makedirs("old")
    pathlib.Path("old/run.json").write_text('{"command": "simulate", "version": "0.1.0"}')
    pathlib.Path("old/data.csv").write_text("mine\n")
    expect_bad_input("simulate", "--duration", "20", "--set", "network.n=20", "--out", "old", "--force",
                     names=["old", "manifest"])
    check(pathlib.Path("old/data.csv").exists(), "a refused --force removed a file")
    # reproduce-style nesting: report/ written by `hrsnn report` is cleared with its run.
    expect_ok("mc", *MC_TINY, "--out", "mc")
    rc, _, _ = hrsnn("report", "mc", "--quiet")
    if rc == 0:
        check(pathlib.Path("mc/report/index.html").exists(), "report wrote no index.html")
        pathlib.Path("mc/report/mine.txt").write_text("keep\n")
        expect_ok("mc", *MC_TINY, "--out", "mc", "--force")
        check(not pathlib.Path("mc/report/index.html").exists(), "--force kept the old report")
        check(pathlib.Path("mc/report/mine.txt").exists(), "--force removed a user's file in report/")


def case_resume_checks_command_and_settings():
    net = SOURCE / "examples" / "network"
    expect_ok("simulate", "--network", net, "--duration", "100", "--dt", "0.1", "--out", "sim")
    before = digest("sim")
    expect_bad_input("run", "--set", "task.kind=mc", "--out", "sim", "--resume", names=["sim", "simulate"])
    expect_bad_input("mc", *MC_TINY, "--out", "sim", "--resume", names=["sim", "simulate"])
    check(digest("sim") == before, "a refused --resume changed the simulate folder")
    expect_ok("mc", *MC_TINY, "--out", "mc", "--threads", "1")
    before = digest("mc")
    err = expect_bad_input("mc", *MC_TINY, "--set", "network.n=70", "--out", "mc", "--resume", names=["network.n", "60", "70"])
    check(digest("mc") == before, "a refused --resume changed the folder")
    # Thread counts shape no result: resuming with another count works and changes no number.
    summary = pathlib.Path("mc/summary.json").read_text()
    expect_ok("mc", *MC_TINY, "--out", "mc", "--resume", "--threads", "2")
    check(pathlib.Path("mc/summary.json").read_text() == summary, "--resume with --threads 2 changed summary.json")


def case_optimize_resume_other_objective():
    config = SOURCE / "tests" / "bo" / "data" / "branin.toml"
    text = config.read_text().replace('name = "branin"', 'name = "branin"\nshift_seed = 1').replace("budget = 20", "budget = 8")
    write("a.toml", text)
    write("b.toml", text.replace("shift_seed = 1", "shift_seed = 2"))
    expect_ok("optimize", "a.toml", "--out", "bo", "--quiet")
    before = digest("bo")
    expect_bad_input("optimize", "b.toml", "--out", "bo", "--resume", names=["objective.shift_seed", "1", "2"])
    check(digest("bo") == before, "a refused optimize --resume changed the folder")
    write("c.toml", text.replace("budget = 8", "budget = 10"))  # a larger budget continues the same search
    expect_ok("optimize", "c.toml", "--out", "bo", "--resume", "--quiet")
    evals = [l for l in pathlib.Path("bo/journal.jsonl").read_text().splitlines()[1:] if l.strip()]
    check(len(evals) == 10, f"the resumed search holds {len(evals)} evaluations, expected 10")


def case_corrupt_runs_journal():
    args = ["mc", *MC_TINY, "--threads", "1"]
    expect_ok(*args, "--out", "run")
    lines = pathlib.Path("run/runs.jsonl").read_text().splitlines()
    summary = pathlib.Path("run/summary.json").read_text()
    # A damaged middle line is refused, naming file:line, and nothing is recomputed.
    bad = lines[:]
    bad[2] = bad[2][:10] + "#" + bad[2][11:]
    pathlib.Path("run/runs.jsonl").write_text("\n".join(bad) + "\n")
    before = {k: v for k, v in digest("run").items() if k != "log.txt"}  # the log may grow
    expect_bad_input(*args, "--out", "run", "--resume", names=["runs.jsonl:3", "corrupted"])
    check({k: v for k, v in digest("run").items() if k != "log.txt"} == before, "a refused --resume changed the folder")
    # A torn last line (a crash mid-append) is dropped with a warning and its job recomputed.
    pathlib.Path("run/runs.jsonl").write_text("\n".join(lines[:-1]) + "\n" + lines[-1][: len(lines[-1]) // 2])
    _, err = expect_ok(*args, "--out", "run", "--resume")
    check("torn last line" in err, f"no warning about the torn line:\n{err}")
    check(pathlib.Path("run/summary.json").read_text() == summary, "recomputing the torn job changed the numbers")


def case_failed_run_leaves_no_folder():
    # A command that fails after it made its run folder, before any result, removes what it
    # made: a plain rerun (and --resume) is not blocked.
    args = ["run", "--set", "task.kind=ucr", "--set", "task.name=NoSuchSet", "--set", "network.n=20", "--out", "r"]
    expect_bad_input(*args, names=["NoSuchSet"])
    check(not pathlib.Path("r").exists(), f"a failed run left {sorted(os.listdir('r')) if pathlib.Path('r').exists() else ''}")
    expect_bad_input(*args, names=["NoSuchSet"])  # the same error again, not "folder holds a run"


def case_memory_limit():
    # Sizes are checked against `ulimit -v` (and cgroup limits), not only MemAvailable: refused
    # with the limit named, before any run folder exists.
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    p = subprocess.run([HRSNN, "simulate", "--duration", "10", "--dt", "1", "--set", "network.n=2000000", "--out", "big"],
                       capture_output=True, text=True, timeout=300, preexec_fn=limit)
    if "AddressSanitizer" in p.stderr and "ulimit -v" in p.stderr:
        print("skipped: an AddressSanitizer build cannot start under ulimit -v (its shadow memory needs terabytes of address space)")
        return SKIP
    check(p.returncode == 2, f"exited {p.returncode} under ulimit -v 1 GB; stderr:\n{p.stderr[-2000:]}")
    check("ulimit -v" in p.stderr and "2000000 neurons" in p.stderr, f"message does not name the limit:\n{p.stderr}")
    check(not pathlib.Path("big").exists(), "a refused command left a run folder behind")


def case_bad_options():
    expect_bad_input("simulat", "--duration", "10", "--out", "x", names=["simulat"])
    for cmd in (["mc", *MC_TINY], ["run", "--set", "task.kind=mc"]):
        expect_bad_input(*cmd, "--out", "x", "--threads", "0", names=["--threads"])
    expect_bad_input("reproduce", "--quick", "--out", "x", "--threads", "0", names=["--threads"])
    net = SOURCE / "examples" / "network"
    expect_bad_input("simulate", "--network", net, "--duration", "200", "--probe-w", "0", "--probe-every", "0",
                     "--out", "x", names=["--probe-every"])
    check(not pathlib.Path("x").exists(), "a refused command left a run folder behind")


# ---------------------------------------------------------------- disk full

# ---------------------------------------------------------------- sweep

SWEEP_TINY = ["--set", "network.n=40", "--set", "experiment.seeds=2", "--set", 'experiment.variants=["HoNHeS"]',
              "--set", "task.train=100", "--set", "task.test=50", "--set", "task.washout=10",
              "--set", "task.max_delay=5", "--set", "task.shuffles=0", "--set", "task.esn=false"]


def case_sweep_small():
    import csv
    import time
    start = time.time()
    grid = ["--grid", "heterogeneity.stdp_shape=3,point"]
    out, _ = expect_ok("sweep", *SWEEP_TINY, *grid, "--dry-run")
    check("points: 2" in out and "runs: 4 " in out and "estimate:" in out, f"--dry-run printed:\n{out}")
    check(not pathlib.Path("sw").exists() and not os.listdir("."), "--dry-run wrote files")
    out, _ = expect_ok("sweep", *SWEEP_TINY, *grid, "--out", "sw")
    check("4 computed" in out, f"first sweep: {out}")
    rows = list(csv.DictReader(open("sw/sweep.csv")))
    keys = [(r["point"], r["heterogeneity.stdp_shape"], r["variant"], r["seed"]) for r in rows]
    check(keys == [("1", "3", "HoNHeS", "1"), ("1", "3", "HoNHeS", "2"), ("2", "point", "HoNHeS", "1"),
                   ("2", "point", "HoNHeS", "2")], f"sweep.csv rows: {keys}")
    check(all(math.isfinite(float(r["capacity_corrected"])) and float(r["S"]) > 0 for r in rows), "sweep.csv metrics")
    summary = list(csv.DictReader(open("sw/summary.csv")))
    cap = [r for r in summary if r["metric"] == "capacity_corrected" and r["minus"] == ""]
    check(len(cap) == 2 and all(r["n"] == "2" for r in cap), f"summary.csv capacity rows: {cap}")
    journal = pathlib.Path("sw/runs.jsonl")
    check(len(jsonl(journal)) == 4, "runs.jsonl does not hold 4 rows")
    whole_csv, whole_journal = pathlib.Path("sw/sweep.csv").read_text(), journal.read_text()
    # A rerun with the same --out resumes: nothing is recomputed, nothing changes.
    out, _ = expect_ok("sweep", *SWEEP_TINY, *grid, "--out", "sw", "--threads", "1")
    check("0 computed" in out and journal.read_text() == whole_journal, f"rerun of a finished sweep recomputed: {out}")
    check(pathlib.Path("sw/sweep.csv").read_text() == whole_csv, "rerun changed sweep.csv")
    # As after kill -9: two rows and a torn line left; the rerun computes the two missing rows.
    lines = whole_journal.splitlines()
    journal.write_text(lines[0] + "\n" + lines[1] + "\n" + lines[2][: len(lines[2]) // 2])
    out, _ = expect_ok("sweep", *SWEEP_TINY, *grid, "--out", "sw", "--dry-run")
    check("2 already in sw" in out, f"--dry-run on a half-done sweep: {out}")
    out, _ = expect_ok("sweep", *SWEEP_TINY, *grid, "--out", "sw")
    check("2 computed" in out, f"resumed sweep: {out}")
    check(pathlib.Path("sw/sweep.csv").read_text() == whole_csv, "a resumed sweep gave other numbers")
    check(journal.read_text().splitlines()[:2] == lines[:2], "resume rewrote finished rows")
    # Another grid in the same folder is refused, naming the difference, and changes nothing.
    before = digest("sw")
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "heterogeneity.stdp_shape=3,5", "--out", "sw",
                     names=["sw", "other settings", "sweep.axes"])
    check(digest("sw") == before, "a refused sweep changed the folder")
    # Bad input: named, status 2, no folder made.
    bad = ["--out", "bad"]
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "network.nn=40,60", *bad, names=["network.nn"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "network.connectivity.p_in=", *bad, names=["network.connectivity.p_in", "empty"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "network.connectivity.p_in=[0.1,0.2", *bad, names=["network.connectivity.p_in", "malformed"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "heterogeneity.stdp_shape=1,2", "--grid",
                     "heterogeneity.stdp_shape=3", *bad, names=["heterogeneity.stdp_shape", "twice"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "network.n=60,80", *bad, names=["network.n", "--set"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "network.connectivity.p_in=0.1,abc", *bad, names=["network.connectivity.p_in", "sweep point 2"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", 'heterogeneity.stdp_families=["tau_plus"],["tau"]', *bad,
                     names=["heterogeneity.stdp_families", "tau"])
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "network.connectivity.p_in=" + ",".join(str(0.1 + i / 1000) for i in range(101)),
                     "--grid", "heterogeneity.stdp_shape=" + ",".join(str(1 + i) for i in range(100)), *bad,
                     names=["10100 points", "--yes"])
    expect_bad_input("sweep", *SWEEP_TINY, *bad, names=["nothing to sweep"])
    # A law no draw can satisfy at the LAST point is refused before the first run, not mid-sweep.
    expect_bad_input("sweep", *SWEEP_TINY, "--grid", "weights.ee.cv=0.5,1.0", *bad,
                     names=["sweep point 2", "weights.ee", "keep less than 1e-6"])
    check(not pathlib.Path("bad").exists(), "a refused sweep left a folder behind")
    # A [sweep] table holds values with commas (lists) as TOML arrays.
    write("s.toml", '[sweep]\nheterogeneity.stdp_families = [["tau_plus", "tau_minus"], ["eta_plus", "eta_minus"]]\n')
    out, _ = expect_ok("sweep", "s.toml", *SWEEP_TINY, "--dry-run")
    check("points: 2" in out, f"[sweep] table dry run: {out}")
    print(f"sweep_small: {time.time() - start:.1f} s")


def tiny_disk(size):
    """Mounts a tmpfs of `size` at ./disk; returns None or the reason it cannot."""
    if os.geteuid() != 0:
        return "not root: cannot mount a tmpfs"
    os.mkdir("disk")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", "disk"], capture_output=True, text=True)
    return None if p.returncode == 0 else f"mount -t tmpfs failed: {p.stderr.strip()}"


def with_tiny_disk(size, body):
    reason = tiny_disk(size)
    if reason:
        print(f"SKIP: {reason}")
        return SKIP
    try:
        body()
    finally:
        subprocess.run(["umount", "disk"])
    return 0


def expect_disk_full(*args):
    rc, _, err = hrsnn(*args, timeout=300)
    check(rc > 0, f"`{show(args)}` on a full disk exited {rc} (negative = killed by signal); stderr:\n{err[-1500:]}")
    check("terminate called" not in err, f"`{show(args)}` aborted on a full disk:\n{err[-1500:]}")
    check("disk" in err.lower() or "space" in err.lower(), f"`{show(args)}`: message does not say the disk is full:\n{err}")


def case_disk_full_simulate():
    def body():
        expect_ok("simulate", "--duration", "20", "--dt", "1", "--set", "network.n=20", "--out", "disk/first")
        before = digest("disk/first")
        expect_disk_full("simulate", "--duration", "2000", "--dt", "1", "--set", "network.n=200", "--out", "disk/big")
        check(digest("disk/first") == before, "an earlier run on the full disk was changed")
    return with_tiny_disk("64k", body)


def case_disk_full_mc():
    # KNOWN FAILURE (reported to the lead): the runs.jsonl write error is thrown inside a worker
    # thread and reaches std::terminate (abort, status 134) instead of "hrsnn: error: ..." + exit.
    def body():
        expect_disk_full("mc", *MC_TINY, "--out", "disk/mc")
    return with_tiny_disk("12k", body)


def main():
    global HRSNN, SOURCE
    ap = argparse.ArgumentParser()
    ap.add_argument("--hrsnn", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("case")
    a = ap.parse_args()
    HRSNN = os.path.abspath(a.hrsnn)
    SOURCE = pathlib.Path(a.source).resolve()
    fn = globals().get("case_" + a.case)
    if fn is None:
        print(f"unknown case '{a.case}'")
        return 1
    with tempfile.TemporaryDirectory(prefix="hrsnn-cli-") as tmp:
        os.chdir(tmp)
        try:
            rc = fn() or 0
        except Failure as e:
            print(f"FAIL {a.case}: {e}")
            return 1
        finally:
            os.chdir("/")
    print(("SKIPPED " if rc == SKIP else "PASS ") + a.case)
    return rc


if __name__ == "__main__":
    sys.exit(main())
