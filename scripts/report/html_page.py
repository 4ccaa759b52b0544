"""index.html of a report: metrics tables on the left, figures (PNG linking to SVG) on the right."""
import html
import os

from common import finite, fmt, sort_variants, variant_colour

CSS = """
body{font-family:system-ui,-apple-system,'DejaVu Sans',sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:14px 24px;background:#263238;color:#fff}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#cfd8dc;font-size:13px}
.wrap{display:flex;gap:24px;padding:16px 24px;align-items:flex-start;flex-wrap:wrap}
.side{flex:0 1 520px;min-width:320px}.main{flex:1 1 640px;min-width:400px}
table{border-collapse:collapse;font-size:13px;margin:6px 0 18px;background:#fff}
th,td{border:1px solid #ddd;padding:3px 7px;text-align:right}th{background:#eceff1}
td:first-child,th:first-child{text-align:left}
figure{background:#fff;border:1px solid #ddd;margin:0 0 18px;padding:10px}
figure img{max-width:100%;height:auto}figcaption{font-size:13px;color:#444}
h2{font-size:16px;border-bottom:1px solid #ccc;padding-bottom:3px}
.ok{color:#1a7f37;font-weight:bold}.no{color:#b00020;font-weight:bold}
.credit{font-size:12px;color:#555}pre{background:#fff;border:1px solid #ddd;padding:8px;
font-size:12px;overflow:auto;max-height:420px}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}
"""


def esc(x):
    """HTML-escaped text of any value."""
    return html.escape(str(x))


def kv_table(title, d):
    """Two-column table of a flat dict's scalar entries."""
    rows = ["<tr><td>%s</td><td>%s</td></tr>" % (esc(k), esc(fmt(v))) for k, v in sorted(d.items())
            if not isinstance(v, (dict, list))]
    if not rows:
        return ""
    return "<h2>%s</h2><table><tr><th>key</th><th>value</th></tr>%s</table>" % (esc(title), "".join(rows))


def summary_table(summary):
    """Metrics (rows) × variants (columns) as mean ± std (n)."""
    variants = summary.get("variants") if isinstance(summary, dict) else None
    if not isinstance(variants, dict) or not variants:
        return ""
    names = sort_variants(list(variants))
    metrics = sorted({m for v in names if isinstance(variants[v], dict) for m in variants[v]})
    head = "".join('<th><span class="sw" style="background:%s"></span>%s</th>' % (variant_colour(v), esc(v)) for v in names)
    body = []
    for m in metrics:
        cells = []
        for v in names:
            s = variants[v].get(m) if isinstance(variants[v], dict) else None
            if isinstance(s, dict) and finite(s.get("mean")):
                cells.append("<td>%s ± %s <small>(n=%s)</small></td>" % (fmt(s["mean"]), fmt(s.get("std")), esc(s.get("n", "?"))))
            else:
                cells.append("<td>–</td>")
        body.append("<tr><td>%s</td>%s</tr>" % (esc(m), "".join(cells)))
    seeds = summary.get("seeds")
    note = "<p>seeds: %s</p>" % esc(", ".join(str(s) for s in seeds)) if isinstance(seeds, list) else ""
    return "<h2>Metrics (mean ± std over seeds)</h2>%s<table><tr><th>metric</th>%s</tr>%s</table>" % (
        note, head, "".join(body))


def claims_table(claims, mode=None, protocol=None):
    """One row per claim with compared values, p-value and verdict (one table per protocol)."""
    claims = [c for c in claims if isinstance(c, dict)]
    if not claims:
        return ""
    rows = []
    for c in claims:
        holds = c.get("holds")
        cls, word = ("ok", "holds") if holds is True else ("no", "does not hold" if holds is False else "–")
        rows.append("<tr><td>%s %s</td><td>%s</td><td>%s: %s ± %s</td><td>%s: %s ± %s</td><td>%s</td>"
                    "<td class='%s'>%s</td></tr>" % (
                        esc(c.get("id", "")), esc(c.get("name", "")), esc(c.get("metric", "")),
                        esc(c.get("a", "")), fmt(c.get("mean_a")), fmt(c.get("std_a")),
                        esc(c.get("b", "")), fmt(c.get("mean_b")), fmt(c.get("std_b")),
                        fmt(c.get("p_value"), 3), cls, word))
    title = "Claims" + (" — %s protocol" % esc(protocol) if protocol else "") + (" (%s mode)" % esc(mode) if mode else "")
    return ("<h2>%s</h2><table><tr><th>claim</th><th>metric</th><th>a</th><th>b</th><th>p</th><th>verdict</th></tr>%s</table>"
            % (title, "".join(rows)))


def bo_tables(bo):
    """Best evaluation and its parameters."""
    if not bo:
        return ""
    out = ["<h2>Optimisation</h2><p>%d evaluations, %d failed; %s the objective.</p>" % (
        bo["n"], bo["failed"], "maximising" if bo["maximise"] else "minimising")]
    best = bo.get("best")
    if best:
        out.append("<p>best: evaluation %s, objective <b>%s</b></p>" % (esc(best.get("eval", "?")), fmt(best.get("objective"), 6)))
        params = best.get("params") if isinstance(best.get("params"), dict) else {}
        out.append(kv_table("Best parameters", params).replace("<h2>", "<h3>").replace("</h2>", "</h3>"))
        metrics = best.get("metrics") if isinstance(best.get("metrics"), dict) else {}
        out.append(kv_table("Metrics of the best evaluation", metrics).replace("<h2>", "<h3>").replace("</h2>", "</h3>"))
    space = bo.get("header", {}).get("space")
    if space:
        out.append("<p>search space: <code>%s</code></p>" % esc(space))
    return "".join(out)


def file_links(run_dir, out_dir):
    """Links to the run folder's own files (tables, spikes, logs) so the numbers are one click away."""
    try:
        names = sorted(n for n in os.listdir(run_dir) if os.path.isfile(os.path.join(run_dir, n)))
    except OSError:
        return ""
    items = ["<a href='%s'>%s</a>" % (esc(os.path.relpath(os.path.join(run_dir, n), out_dir)), esc(n)) for n in names]
    return "<h2>Files of this run</h2><p>%s</p>" % " · ".join(items) if items else ""


def children_list(children):
    """Links to the reports of sub-runs (reproduce folders)."""
    if not children:
        return ""
    items = ["<li><a href='%s'>%s</a> — %s, %d figures</li>" % (esc(c["href"]), esc(c["name"]), esc(c["what"]), c["figures"])
             for c in children]
    return "<h2>Runs in this folder</h2><ul>%s</ul>" % "".join(items)


def write_index(out_dir, title, subtitle, side_parts, figs, credits, config_text=None, children=()):
    """Writes out_dir/index.html; figure sections in the order of first appearance."""
    sections = []
    for f in figs.items:
        if f["section"] not in sections:
            sections.append(f["section"])
    main = []
    for s in sections:
        main.append("<h2>%s</h2>" % esc(s))
        for f in figs.items:
            if f["section"] == s:
                main.append("<figure id='%s'><a href='%s'><img src='%s' alt='%s'></a><figcaption><b>%s.</b> %s "
                            "(<a href='%s'>SVG</a>)</figcaption></figure>" % (
                                esc(f["name"]), esc(f["svg"]), esc(f["png"]), esc(f["title"]), esc(f["title"]),
                                esc(f["caption"]), esc(f["svg"])))
    if not figs.items:
        main.append("<p>No figures: this run folder holds nothing that can be plotted.</p>")
    side = [children_list(list(children))] + [p for p in side_parts if p]
    if credits:
        side.append("<h2>Data credits</h2>" + "".join("<p class='credit'>%s</p>" % esc(c) for c in credits))
    if config_text:
        side.append("<h2>Resolved configuration</h2><details><summary>config.toml</summary><pre>%s</pre></details>" % esc(config_text))
    page = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>%s</title><style>%s</style></head>"
            "<body><header><h1>%s</h1><p>%s</p></header><div class='wrap'><div class='side'>%s</div>"
            "<div class='main'>%s</div></div></body></html>\n") % (
                esc(title), CSS, esc(title), esc(subtitle), "".join(side), "".join(main))
    path = os.path.join(out_dir, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page)
    return path
