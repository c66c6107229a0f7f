"""The HTML report in a real browser: headless Chromium opens it from
``file://`` with networking cut off, and we check that no JavaScript
error occurs, that plotly drew every chart, that the page fits the
screen (no sideways scrolling) at 1280 px and at phone width (390 px),
and that screenshots are not blank.

How errors are seen: a copy of the report gets a small probe script as
the first thing in ``<head>``; it records ``error`` events, unhandled
promise rejections and ``console.error`` calls, and after the page has
loaded writes what it found into a ``<pre id="plansat-probe">`` element
that ``chromium --dump-dom`` prints.

Phone width: headless Chromium windows can't be narrower than 500 px, so
the report is loaded in a 390 px wide ``<iframe>`` (its own viewport:
media queries and plotly see 390 px); the probe sends its findings to the
parent page with ``postMessage``.

Skips when Chromium is absent (``apt-get install -y chromium``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import plansat
from plansat import charts
from plansat.check import violations
from plansat.models import Project
from plansat.models.tradeoff import TradeoffCurve

pytest.importorskip("plotly")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ecommerce.json"
CHROMIUM = next(
    (
        c
        for c in ("/usr/bin/chromium", shutil.which("chromium"))
        if c and Path(c).exists()
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not found at /usr/bin/chromium "
    "(apt-get install -y chromium)",
)

#: Charts the e-commerce report draws (ids of the plotly divs).
CHARTS = ("gantt", "load", "resources", "curve")

PROBE = """<script>
(function () {
  var errors = [];
  window.addEventListener('error', function (e) {
    errors.push('error: ' + (e.message || String(e)));
  });
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('rejection: ' + String(e.reason));
  });
  var original = console.error;
  console.error = function () {
    errors.push('console: ' + Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
  window.addEventListener('load', function () {
    setTimeout(function () {
      var ticks = document.querySelectorAll('#gantt .ytick text');
      var report = {
        errors: errors,
        plots: Array.prototype.map.call(
          document.querySelectorAll('.js-plotly-plot'),
          function (el) { return el.id; }),
        svgs: document.querySelectorAll('.main-svg').length,
        width: window.innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        ticks: Array.prototype.map.call(ticks,
          function (t) { return t.textContent; }),
        gantt: Array.prototype.map.call(
          document.querySelectorAll('#gantt .trace.bars'),
          function (tr) {
            return tr.querySelectorAll('.point path').length;
          })
      };
      var pre = document.createElement('pre');
      pre.id = 'plansat-probe';
      pre.setAttribute('data-report', JSON.stringify(report));
      document.body.appendChild(pre);
      if (window.parent !== window) { window.parent.postMessage(report, '*'); }
    }, 300);
  });
})();
</script>"""

PHONE_FRAME = """<!DOCTYPE html><html><head><meta charset="utf-8">
<style>html, body { margin: 0; } iframe { border: 0; display: block;
width: 390px; height: %(height)dpx; }</style></head><body>
<iframe src="%(src)s"></iframe>
<script>window.addEventListener('message', function (e) {
  var pre = document.createElement('pre');
  pre.id = 'plansat-probe';
  pre.setAttribute('data-report', JSON.stringify(e.data));
  document.body.appendChild(pre);
});</script></body></html>"""


def chromium(*args: str, user_data: Path) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with networking cut off."""
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no CDN
        f"--user-data-dir={user_data}",
        "--enable-logging=stderr",
        "--v=0",
        "--virtual-time-budget=5000",
        *args,
    ]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=180, check=False
    )


def probe_report(dom: str) -> dict[str, Any]:
    """The probe's findings from a dumped DOM."""
    match = re.search(r'<pre id="plansat-probe" data-report="([^"]*)"', dom)
    assert match, "the probe did not report (page not loaded?)"
    found: dict[str, Any] = json.loads(html.unescape(match.group(1)))
    return found


def not_blank(png: Path) -> float:
    """Standard deviation of the screenshot's pixels (0 = blank)."""
    image = pytest.importorskip("matplotlib.image")
    pixels = image.imread(png)
    assert pixels.ndim == 3 and pixels.shape[0] > 100
    return float(pixels[..., :3].std())


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, curve: TradeoffCurve
) -> Path:
    """A folder with the report, its probed copy and the phone frame."""
    folder = tmp_path_factory.mktemp("browser")
    project = Project.from_file(EXAMPLE)
    result = plansat.solve(project, time_limit=5, workers=1)
    assert violations(project, result) == []
    report = charts.write_html(
        project, result, folder / "report.html", curve=curve
    )
    text = report.read_text(encoding="utf-8")
    assert text.count("<head>") == 1
    (folder / "probed.html").write_text(
        text.replace("<head>", "<head>\n" + PROBE, 1), encoding="utf-8"
    )
    (folder / "phone.html").write_text(
        PHONE_FRAME % {"height": 844, "src": "probed.html"}, encoding="utf-8"
    )
    (folder / "phone_shot.html").write_text(
        PHONE_FRAME % {"height": 844, "src": "report.html"}, encoding="utf-8"
    )
    return folder


def check_page(found: dict[str, Any], width: int) -> None:
    assert found["errors"] == []
    assert found["width"] == width
    assert sorted(found["plots"]) == sorted(CHARTS)
    assert found["svgs"] >= len(CHARTS)
    # the page itself never scrolls sideways; wide tables scroll inside
    assert found["scrollWidth"] <= width


def test_desktop_no_js_errors_and_charts_drawn(site: Path) -> None:
    run = chromium(
        "--window-size=1280,900",
        "--dump-dom",
        (site / "probed.html").as_uri(),
        user_data=site / "profile-desktop",
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert 'class="main-svg"' in run.stdout
    found = probe_report(run.stdout)
    check_page(found, 1280)
    # full task names on a wide screen
    assert "T001 Requirements Analysis" in found["ticks"]


def test_phone_no_js_errors_and_charts_drawn(site: Path) -> None:
    run = chromium(
        "--window-size=500,900",
        "--dump-dom",
        (site / "phone.html").as_uri(),
        user_data=site / "profile-phone",
    )
    assert run.returncode == 0, run.stderr[-2000:]
    found = probe_report(run.stdout)
    check_page(found, 390)
    # narrow screens label the Gantt rows with the task ids only
    assert found["ticks"][:3] == ["T001", "T002", "T003"]


@pytest.mark.parametrize(
    ("page", "size"),
    [("report.html", "1280,900"), ("phone_shot.html", "390,844")],
)
def test_screenshots_are_not_blank(site: Path, page: str, size: str) -> None:
    shot = site / f"{page}.{size.replace(',', 'x')}.png"
    run = chromium(
        f"--window-size={size}",
        f"--screenshot={shot}",
        (site / page).as_uri(),
        user_data=site / f"profile-{page}-{size}",
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not_blank(shot) > 0.05


def test_the_probe_sees_javascript_errors(site: Path) -> None:
    # Control: a page that throws must be reported, or the checks above
    # would pass vacuously.
    page = site / "broken.html"
    page.write_text(
        "<!DOCTYPE html><html><head>\n" + PROBE + "\n</head><body>"
        "<script>undefinedFunction();</script></body></html>",
        encoding="utf-8",
    )
    run = chromium(
        "--window-size=800,600",
        "--dump-dom",
        page.as_uri(),
        user_data=site / "profile-broken",
    )
    found = probe_report(run.stdout)
    assert len(found["errors"]) == 1
    assert "undefinedFunction" in found["errors"][0]


def test_gantt_shades_days_off_and_draws_segments(tmp_path: Path) -> None:
    # The part-timer chain of tests/solver/test_calendars.py: split B
    # (pat, Mon-Wed) works Wed 4 Jun and Mon 9 - Tue 10 Jun.  Chromium
    # draws three bar traces on the Gantt: pat's days off on B's row
    # (Thu-Fri 5-6 Jun, one bar), then the critical tasks: A and B's
    # two segments (three bars).
    from tests.helpers import solved
    from tests.solver.test_calendars import chain

    project = chain(split=True)
    result = solved(project)
    report = charts.write_html(project, result, tmp_path / "report.html")
    text = report.read_text(encoding="utf-8")
    page = tmp_path / "probed.html"
    page.write_text(text.replace("<head>", "<head>\n" + PROBE, 1),
                    encoding="utf-8")
    run = chromium("--window-size=1280,900", "--dump-dom", page.as_uri(),
                   user_data=tmp_path / "profile")
    assert run.returncode == 0, run.stderr[-2000:]
    found = probe_report(run.stdout)
    assert found["errors"] == []
    assert found["gantt"] == [1, 3]
