"""Bayesian optimisation from Python: ask/tell over ``hrsnn optimize``'s own proposals.

The proposals are the C++ ones (``bo::propose_round``: scrambled Sobol or LHS initial design,
then GP rounds with the same kernels, acquisition, constraints and Pareto options, all seeded
by the run seed), so a Python objective is optimised exactly as a built-in one would be. See
docs/python.md.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any, Callable, Mapping, Optional

from . import _core

__all__ = ["Optimizer", "optimize"]


def _toml(value: Any, key: str) -> str:
    from . import _toml_value

    return _toml_value(value, key)


def _space_toml(space: Mapping[str, Any]) -> str:
    """[space] from ``{"name": (low, high)}`` or ``{"name": {"low", "high", "scale", "type"}}``."""
    if not isinstance(space, Mapping) or not space:
        raise ValueError("space must be a non-empty dict {name: (low, high) or {low, high, scale, type}}")
    lines = ["[space]"]
    for name, spec in space.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"space: parameter name {name!r} must be an identifier")
        if isinstance(spec, (tuple, list)):
            if len(spec) != 2:
                raise ValueError(f"space['{name}']: expected (low, high), got {spec!r}")
            spec = {"low": spec[0], "high": spec[1]}
        if not isinstance(spec, Mapping):
            raise ValueError(f"space['{name}']: expected (low, high) or a dict, got {type(spec).__name__}")
        lines.append(f"{name} = {_toml(dict(spec), f'space.{name}')}")
    return "\n".join(lines) + "\n"


class Optimizer:
    """Ask/tell Bayesian optimisation over hrsnn's GP (the ``[bo]`` settings of ``hrsnn optimize``).

    Args:
        space: ``{"name": (low, high)}`` or ``{"name": {"low": .., "high": .., "scale": "log", "type": "int"}}``.
        journal: a journal file to create (the CLI's JSON-lines format; refuses an existing one).
        **bo: any ``[bo]`` key of docs/bo.md, e.g. ``budget=30, initial=8, q=2, seed=1,
            maximize=True, kernel="matern52_ard", acquisition="ucb"``; a list of constraint
            tables goes in as ``constraint=[{"metric": "S", "max": 0.25}]``.

    ``ask()`` returns the pending candidates of the current round (dicts with ``eval_id``,
    ``params``, ``seed``); ``tell(eval_id, value, metrics)`` records one (``value`` None or NaN,
    or ``error``, marks it failed). A round's GP proposal is made when all of the previous round
    is told; the result does not depend on the order of the tells.
    """

    def __init__(self, space: Mapping[str, Any], *, journal: Optional[str] = None, **bo: Any):
        text = _space_toml(space) + "[bo]\n"
        tables = []
        for key, value in bo.items():
            if isinstance(value, (list, tuple)) and value and all(isinstance(v, Mapping) for v in value):
                tables += [f"[[bo.{key}]]\n" + "".join(f"{k} = {_toml(v, f'bo.{key}.{k}')}\n" for k, v in t.items()) for t in value]
            elif isinstance(value, Mapping):
                tables.append(f"[bo.{key}]\n" + "".join(f"{k} = {_toml(v, f'bo.{key}.{k}')}\n" for k, v in value.items()))
            else:
                text += f"{key} = {_toml(value, f'bo.{key}')}\n"
        text += "".join(tables)
        self._core = _core.AskTell(text, "Optimizer", None if journal is None else os.fspath(journal))

    def ask(self) -> list:
        """The current round's candidates not told yet; empty when the budget is spent."""
        return self._core.ask()

    def tell(self, eval_id: int, value: Optional[float], metrics: Optional[Mapping[str, float]] = None,
             error: str = "") -> None:
        """Records the result of candidate ``eval_id`` (None/NaN or ``error``: a failed evaluation)."""
        v = math.nan if value is None else float(value)
        self._core.tell(int(eval_id), v, {str(k): float(x) for k, x in (metrics or {}).items()}, str(error))

    @property
    def records(self) -> list:
        """Finished evaluations (the journal's objects: eval, round, params, objective, status, ...)."""
        return self._core.records()

    @property
    def best(self) -> Optional[dict]:
        """The reported winner's record (``hrsnn optimize``'s rule), or None."""
        i = self._core.winner()
        return None if i < 0 else self.records[i]


def optimize(objective: Callable[..., Any], space: Mapping[str, Any], *, journal: Optional[str] = None, **bo: Any) -> dict:
    """Minimises (``maximize=True``: maximises) ``objective(**params)`` over ``space``.

    ``objective`` returns a number, or ``(number, {metric: value})`` for constraints and Pareto
    metrics; an exception marks that evaluation failed (the run goes on, as the CLI's). Returns
    ``{"best": record or None, "records": [...]}``.
    """
    opt = Optimizer(space, journal=journal, **bo)
    while True:
        batch = opt.ask()
        if not batch:
            break
        for c in batch:
            try:
                out = objective(**c["params"])
            except Exception as e:  # noqa: BLE001 -- a failed evaluation is data for the optimiser
                opt.tell(c["eval_id"], None, error=f"{type(e).__name__}: {e}")
                continue
            value, metrics = (out if isinstance(out, tuple) else (out, None))
            opt.tell(c["eval_id"], value, metrics)
    return {"best": opt.best, "records": opt.records}
