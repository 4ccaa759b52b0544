"""hrsnn.run against `hrsnn run`: the same comparison gives the same numbers."""

import json
import math

import pytest

import hrsnn

# A tiny memory-capacity comparison: one variant, two paired seeds, seconds to run.
TINY = {
    "network.n": 40,
    "task.train": 200,
    "task.test": 100,
    "task.washout": 20,
    "task.max_delay": 10,
    "task.shuffles": 2,
    "experiment.variants": ["MRSNN"],
    "experiment.seeds": 2,
    "experiment.threads": 1,
}
CLI_SETS = ["network.n=40", "task.train=200", "task.test=100", "task.washout=20", "task.max_delay=10",
            "task.shuffles=2", 'experiment.variants=["MRSNN"]', "experiment.seeds=2", "experiment.threads=1"]


def same(a, b):
    """Equal numbers, None (JSON's NaN) matching NaN."""
    if b is None:
        return isinstance(a, float) and math.isnan(a)
    return a == b


def test_run_matches_cli(cli, root, tmp_path):
    config = root / "examples" / "memory_capacity.toml"
    out = tmp_path / "cli"
    args = ["run", config, "--out", out]
    for s in CLI_SETS:
        args += ["--set", s]
    cli(*args)
    r = hrsnn.run(config, overrides=TINY)
    assert r["task"] == "mc" and r["seeds"] == [1, 2] and list(r["runs"]) == ["MRSNN"]
    lines = [json.loads(x) for x in (out / "runs.jsonl").read_text().splitlines() if x.strip()]
    assert len(lines) == 2
    for line in lines:
        mine = r["runs"][line["variant"]][line["seed"]]
        assert set(mine) == set(line["scalars"])
        for k, v in line["scalars"].items():
            assert same(mine[k], v), (line["seed"], k, mine[k], v)
        assert "capacity_corrected" in mine and mine["capacity_corrected"] > 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["variants"] == r["summary"]
    assert len(r["records"]) == 2 and r["records"][0]["variant"] == "MRSNN"


def test_run_writes_folder_and_refuses_reuse(tmp_path):
    out = tmp_path / "run"
    overrides = dict(TINY, **{"experiment.seeds": 1})
    r = hrsnn.run(None, overrides=overrides, out=out, command="mc")
    assert r["out"] == str(out) and (out / "runs.jsonl").is_file() and (out / "summary.json").is_file()
    with pytest.raises(ValueError):
        hrsnn.run(None, overrides=overrides, out=out, command="mc")
    again = hrsnn.run(None, overrides=overrides, out=out, command="mc", resume=True)
    assert again["runs"] == r["runs"]


def test_run_errors():
    with pytest.raises(ValueError, match=r"task\.trian"):
        hrsnn.run({"task": {"kind": "mc", "trian": 3}})
    with pytest.raises(FileNotFoundError):
        hrsnn.run("no/such/config.toml")


def test_frame_when_pandas_is_there():
    pd = pytest.importorskip("pandas")
    r = hrsnn.run(None, overrides=dict(TINY, **{"experiment.seeds": 1}), command="mc")
    assert isinstance(r["frame"], pd.DataFrame) and list(r["frame"]["variant"]) == ["MRSNN"]


def test_ctrl_c_stops_between_jobs_and_resume_completes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    overrides = dict(TINY, **{"network.n": 200, "task.train": 1200, "task.test": 400, "task.max_delay": 30,
                              "task.washout": 50, "experiment.seeds": 2, "task.esn": False,
                              "experiment.variants": ["MRSNN", "HeNHoS", "HoNHeS", "HeNHeS"]})
    out = tmp_path / "cut"
    script = textwrap.dedent(f"""
        import hrsnn, sys
        try:
            hrsnn.run(None, overrides={overrides!r}, out={str(out)!r}, threads=1, command="mc")
        except KeyboardInterrupt as e:
            print("INTERRUPTED", e)
            sys.exit(7)
    """)
    p = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ))
    journal = out / "runs.jsonl"
    while p.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 1:
            p.send_signal(signal.SIGINT)
            break
        time.sleep(0.005)
    stdout, stderr = p.communicate(timeout=300)
    if p.returncode == 0:
        pytest.skip("the run finished before it could be interrupted")
    assert p.returncode == 7, (p.returncode, stdout, stderr)
    assert "INTERRUPTED" in stdout and "resume=True" in stdout
    done = journal.read_text().count("\n")
    assert 0 < done < 8, f"{done} of 8 jobs journaled"
    resumed = hrsnn.run(None, overrides=overrides, out=out, threads=1, resume=True, command="mc")
    whole = hrsnn.run(None, overrides=overrides, threads=2, command="mc")
    assert resumed["summary"] == whole["summary"]


def test_sweep_matches_cli(cli, tmp_path):
    grid = {"heterogeneity.stdp_shape": [1, "point"], "weights.ee": [{"law": "gamma", "mean": 1.1, "cv": 0.5}, 1.5]}
    small = dict(TINY, **{"experiment.variants": ["MRSNN", "HoNHeS"]})
    r = hrsnn.sweep(None, grid, small, out=tmp_path / "py", threads=2)
    assert r["points"] == 4 and r["runs"] == 16 and r["computed"] == 16 and len(r["rows"]) == 16
    args = ["sweep", "--out", tmp_path / "cli", "--threads", "1",
            "--grid", "heterogeneity.stdp_shape=1,point", "--grid", 'weights.ee={law="gamma", mean=1.1, cv=0.5},1.5']
    for k, v in small.items():
        args += ["--set", f"{k}={hrsnn._toml_value(v, k)}"]
    cli(*args)
    # The same rows, bit for bit, whatever the thread count.
    assert (tmp_path / "py" / "sweep.csv").read_text() == (tmp_path / "cli" / "sweep.csv").read_text()
    with pytest.raises(ValueError, match="grid"):
        hrsnn.sweep(None, {"network.n": []}, small)
    with pytest.raises(ValueError, match="experiment"):
        hrsnn.sweep(None, {"experiment.seeds": [1, 2]}, small)
