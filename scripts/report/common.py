"""Shared pieces of the hrsnn report: colours, defensive readers and figure saving.

Every reader here returns None (or an empty container) instead of raising when a file is
missing or malformed, because a report must still render whatever parts of a run exist.
"""
import csv
import json
import math
import os

import matplotlib

matplotlib.use("Agg")  # no display: figures go to files only
import matplotlib.pyplot as plt  # noqa: E402

# One colour per variant across every figure (issue 5); unknown variants get the tab10 cycle.
VARIANT_COLOURS = {
    "MRSNN": "#7f7f7f",      # grey
    "HeNHoS": "#1f77b4",     # blue
    "HoNHeS": "#ff7f0e",     # orange
    "HeNHeS": "#2ca02c",     # green
    "BO-MRSNN": "#9467bd",   # purple
    "BO-HRSNN": "#d62728",   # red
}
VARIANT_ORDER = list(VARIANT_COLOURS)
_EXTRA = ["#8c564b", "#e377c2", "#bcbd22", "#17becf", "#393b79", "#637939"]

# Populations (raster, parameter histograms): ColorBrewer RdBu ends, distinct from the variants.
POP_COLOURS = {"E": "#b2182b", "I": "#2166ac", "all": "#333333"}
POP_NAMES = {"E": "excitatory", "I": "inhibitory", "all": "all neurons"}

CREDITS = {
    "fsdd": "Data: Free Spoken Digit Dataset (Z. Jackson et al.), CC BY-SA 4.0.",
    "ucr": "Data: UCR/UEA time-series archive (Dau et al. 2019; Bagnall et al. 2018).",
}

plt.rcParams.update({
    "figure.dpi": 110,
    "savefig.dpi": 110,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",  # keep text as text in SVG
})


def variant_colour(name, _cache={}):
    """Colour of a variant; stable for unknown names within one report."""
    if name in VARIANT_COLOURS:
        return VARIANT_COLOURS[name]
    if name not in _cache:
        _cache[name] = _EXTRA[len(_cache) % len(_EXTRA)]
    return _cache[name]


def sort_variants(names):
    """Paper order first (MRSNN, HeNHoS, ...), then any other names alphabetically."""
    known = [v for v in VARIANT_ORDER if v in names]
    return known + sorted(n for n in names if n not in VARIANT_ORDER)


def read_json(path):
    """Parsed JSON of `path`, or None if absent or unreadable."""
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_jsonl(path):
    """List of the parseable JSON objects in a JSON-lines file (torn or bad lines skipped)."""
    rows = []
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict):
                    rows.append(obj)
    except OSError:
        pass
    return rows


def read_csv_columns(path, numeric=None):
    """Dict column -> list of strings (or floats for names in `numeric`); None if absent.

    Comment lines (#) and blank lines are skipped; blank numeric cells become NaN.
    """
    if not os.path.isfile(path):
        return None
    numeric = set(numeric or [])
    cols = {}
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(line for line in f if line.strip() and not line.startswith("#"))
            header = [h.strip() for h in next(reader, [])]
            for h in header:
                cols[h] = []
            for row in reader:
                for h, cell in zip(header, row):
                    cell = cell.strip()
                    if h in numeric:
                        cols[h].append(to_float(cell))
                    else:
                        cols[h].append(cell)
    except (OSError, csv.Error):
        return None
    return cols


def to_float(x, default=math.nan):
    """float(x), or `default` for None, blanks and non-numbers."""
    try:
        return float(x)
    except (TypeError, ValueError):
        return default


def finite(x):
    """True when x is a real finite number."""
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def fmt(x, digits=4):
    """Compact human format of a number (or the value itself when not numeric)."""
    if isinstance(x, bool) or x is None:
        return str(x).lower() if isinstance(x, bool) else "–"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            return "–"
        if x != 0 and (abs(x) >= 1e5 or abs(x) < 1e-3):
            return "%.*e" % (max(digits - 2, 1), x)
        return "%.*g" % (digits, x)
    return str(x)


def read_toml_value(path, dotted_key):
    """A scalar from a simple TOML file (section headers + key = value); None if absent.

    Python 3.11's tomllib is not guaranteed on Debian's python3, and config.toml as written by
    hrsnn uses only tables and scalars, so a line reader is enough for the few keys we need.
    """
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.readlines()
    except OSError:
        return None
    section = ""
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]").strip()
            continue
        if "=" not in line:
            continue
        key, value = (s.strip() for s in line.split("=", 1))
        full = section + "." + key if section else key
        if full == dotted_key:
            value = value.strip()
            if value[:1] in "'\"":
                return value.strip("'\"")
            if value in ("true", "false"):
                return value == "true"
            v = to_float(value, None)
            return v if v is not None else value
    return None


class FigureSet:
    """Collects the figures of one report: saves PNG + SVG and remembers titles and captions."""

    def __init__(self, out_dir, credit=None):
        self.out_dir = out_dir
        self.credit = credit
        self.items = []  # dicts: name, title, caption, png, svg, section

    def save(self, fig, name, title, caption, section):
        """Writes name.png and name.svg, closes the figure and records it for the page."""
        if self.credit:
            fig.text(0.995, -0.005, self.credit, ha="right", va="top", fontsize=7.5, color="#555555")
        png = name + ".png"
        svg = name + ".svg"
        fig.savefig(os.path.join(self.out_dir, png), bbox_inches="tight")
        fig.savefig(os.path.join(self.out_dir, svg), bbox_inches="tight")
        plt.close(fig)
        self.items.append({"name": name, "title": title, "caption": caption, "png": png,
                           "svg": svg, "section": section})


    def write_manifest(self):
        """figures.json: the figures of this report in page order (for tools and tests)."""
        with open(os.path.join(self.out_dir, "figures.json"), "w", encoding="utf-8") as f:
            json.dump(self.items, f, indent=1, ensure_ascii=False)


def time_axis(duration_ms):
    """(divisor, unit) so that times in ms print as ms for short runs and s for long ones."""
    return (1000.0, "s") if duration_ms > 5000 else (1.0, "ms")
