#!/usr/bin/python3
"""Render the figures and index.html of an hrsnn run folder (issue 5, "Figures").

Usage: render.py RUN_DIR [--out DIR] [--strict] [--quiet]

Writes DIR (default RUN_DIR/report) with one PNG and one SVG per figure and an index.html that
shows them beside the run's metrics. What is drawn depends on what the folder holds:
spikes.csv (simulate), summary.json/runs.jsonl/claims.json (run, mc), summary.csv (sweep), journal.jsonl
(optimize), and sub-folders that are runs themselves (reproduce), each rendered into its own
report and linked from the top page. Exit status: 0 done, 2 bad input or missing matplotlib,
1 a figure failed under --strict.
"""
import argparse
import os
import sys
import traceback

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__


def fail(msg, code=2):
    """Prints an error for the user and exits."""
    print("hrsnn report: error: " + msg, file=sys.stderr)
    sys.exit(code)


try:
    import numpy  # noqa: F401
    import matplotlib  # noqa: F401
except ImportError as e:  # pragma: no cover - depends on the machine
    fail("%s; install Debian's python3-matplotlib and python3-numpy (scripts/install-deps.sh)" % e)

import common  # noqa: E402
import fig_bo  # noqa: E402
import fig_network  # noqa: E402
import fig_sweep  # noqa: E402
import fig_task  # noqa: E402
import html_page  # noqa: E402


def is_run(path):
    """True when `path` is an hrsnn run folder: it holds run.json, or a BO journal.jsonl."""
    return os.path.isfile(os.path.join(path, "run.json")) or os.path.isfile(os.path.join(path, "journal.jsonl"))


def task_kind(run_dir, summary):
    """Task name of a run: summary.json "task", else config.toml task.kind, else ''."""
    if isinstance(summary, dict) and isinstance(summary.get("task"), str):
        return summary["task"]
    kind = common.read_toml_value(os.path.join(run_dir, "config.toml"), "task.kind")
    return kind if isinstance(kind, str) else ""


class Renderer:
    """Draws every figure a run folder supports; one failing figure does not stop the others."""

    def __init__(self, strict, quiet):
        self.strict = strict
        self.quiet = quiet
        self.errors = 0

    def attempt(self, what, fn, *args):
        """Calls fn(*args); on error warns (or re-raises under --strict) and returns None."""
        try:
            return fn(*args)
        except Exception:  # a broken figure must not cost the rest of the report
            self.errors += 1
            if self.strict:
                raise
            print("hrsnn report: warning: %s failed:\n%s" % (what, traceback.format_exc()), file=sys.stderr)
            return None

    def render(self, run_dir, out_dir, parent_href=None):
        """Renders run_dir into out_dir; returns a description for a parent page."""
        os.makedirs(out_dir, exist_ok=True)
        run = common.read_json(os.path.join(run_dir, "run.json")) or {}
        summary = common.read_json(os.path.join(run_dir, "summary.json"))
        kind = task_kind(run_dir, summary)
        credit = common.CREDITS.get(kind.lower()) if kind else None
        figs = common.FigureSet(out_dir, credit)
        side = []
        metrics = common.read_json(os.path.join(run_dir, "metrics.json"))
        if isinstance(metrics, dict):
            side.append(html_page.kv_table("Metrics", metrics))
        # simulate: raster, rates, network parameters
        net_dir = fig_network.find_network_dir(run_dir)
        n_neurons = metrics.get("neurons") if isinstance(metrics, dict) else None
        self.attempt("spike raster", fig_network.fig_raster, figs, run_dir, net_dir, n_neurons)
        if net_dir:
            self.attempt("neuron parameters", fig_network.fig_neuron_params, figs, net_dir)
            self.attempt("STDP parameters", fig_network.fig_stdp, figs, net_dir)
        # sweep: its runs.jsonl mixes every point, so per-variant figures of it would mislead
        is_sweep = isinstance(run, dict) and run.get("command") == "sweep"
        if is_sweep:
            self.attempt("sweep", fig_sweep.fig_sweep, figs, os.path.join(run_dir, "summary.csv"))
        # run / mc: per-variant figures
        groups = {} if is_sweep else fig_task.by_variant(common.read_jsonl(os.path.join(run_dir, "runs.jsonl")))
        if isinstance(summary, dict):
            side.append(html_page.summary_table(summary))
            self.attempt("metric bars", fig_task.fig_metric_bars, figs, summary)
        window_ms = common.to_float(common.read_toml_value(os.path.join(run_dir, "config.toml"), "encoding.window_ms"), 20.0)
        for name, fn, args in [("memory capacity", fig_task.fig_capacity, (groups,)),
                               ("rate histograms", fig_task.fig_rate_hists, (groups,)),
                               ("prediction", fig_task.fig_prediction, (groups, window_ms)),
                               ("confusion", fig_task.fig_confusion, (groups,))]:
            if groups:
                self.attempt(name, fn, figs, *args)
        claims = common.read_json(os.path.join(run_dir, "claims.json"))
        mode = None
        protocols = None
        if isinstance(claims, dict):
            mode = claims.get("mode")
            protocols = claims.get("protocols")
            claims = claims.get("claims")
        if isinstance(protocols, dict) and protocols:
            # reproduce: C1-C4 under each protocol, side by side (docs/reproduce.md)
            for k, (name, p) in enumerate(sorted(protocols.items())):
                pc = p.get("claims") if isinstance(p, dict) else None
                if isinstance(pc, list) and pc:
                    self.attempt("claims (%s)" % name, fig_task.fig_claims, figs, pc, "claims_" + name, mode)
                    side.insert(k, html_page.claims_table(pc, mode, name))
        elif isinstance(claims, list) and claims:
            self.attempt("claims", fig_task.fig_claims, figs, claims, "claims", mode)
            side.insert(0, html_page.claims_table(claims, mode))
        # optimize
        bo = self.attempt("BO convergence", fig_bo.fig_bo, figs, run_dir)
        self.attempt("Pareto front", fig_bo.fig_pareto, figs, run_dir)
        side.append(html_page.bo_tables(bo))
        # reproduce: sub-runs
        children = []
        for name in sorted(os.listdir(run_dir)):
            sub = os.path.join(run_dir, name)
            if name != os.path.basename(out_dir) and os.path.isdir(sub) and is_run(sub):
                info = self.render(sub, os.path.join(sub, "report"))
                info["href"] = os.path.relpath(os.path.join(sub, "report", "index.html"), out_dir)
                info["name"] = name
                children.append(info)
        credits = sorted(set([credit] if credit else []) | {c for ch in children for c in ch["credits"]})
        try:
            with open(os.path.join(run_dir, "config.toml"), encoding="utf-8") as f:
                config_text = f.read()
        except OSError:
            config_text = None
        command = run.get("command", "?") if isinstance(run, dict) else "?"
        version = run.get("version", "?") if isinstance(run, dict) else "?"
        what = "hrsnn %s" % command + (" — %s" % summary["description"] if isinstance(summary, dict) and summary.get("description") else "")
        subtitle = "%s · hrsnn %s · %s" % (what, version, os.path.abspath(run_dir))
        side.append(html_page.file_links(run_dir, out_dir))
        figs.write_manifest()
        html_page.write_index(out_dir, "hrsnn report: " + os.path.basename(os.path.abspath(run_dir)), subtitle,
                              side, figs, credits, config_text, children)
        if not self.quiet:
            print("hrsnn report: %d figures -> %s" % (len(figs.items), os.path.join(out_dir, "index.html")))
        return {"what": what, "figures": len(figs.items), "credits": credits}


def main(argv):
    """Command-line entry point; returns the exit status."""
    p = argparse.ArgumentParser(prog="hrsnn report", description=__doc__.split("\n\n")[0])
    p.add_argument("run_dir", help="an hrsnn run folder (holds run.json)")
    p.add_argument("--out", help="report folder (default RUN_DIR/report)")
    p.add_argument("--strict", action="store_true", help="fail (exit 1) when any figure fails")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    a = p.parse_args(argv)
    if not os.path.exists(a.run_dir):
        fail("run folder '%s' does not exist" % a.run_dir)
    if not os.path.isdir(a.run_dir):
        fail("'%s' is not a folder; give a run folder written by an hrsnn command" % a.run_dir)
    if not is_run(a.run_dir):
        fail("'%s' is not an hrsnn run folder (no run.json or journal.jsonl)" % a.run_dir)
    out = a.out or os.path.join(a.run_dir, "report")
    try:
        r = Renderer(a.strict, a.quiet)
        r.render(a.run_dir, out)
    except OSError as e:
        fail("cannot write the report to '%s': %s" % (out, e), 1)
    return 1 if (a.strict and r.errors) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
