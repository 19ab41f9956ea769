"""The standalone web page in a real browser (Debian's Chromium, headless): an accessibility
audit with axe-core (the copy Ace by DAISY installs), and the reading order at a phone's width
(390 px) and a desktop's (1280 px): no note breaks its sentence."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import Built, Validators

_PROBE = """
<script src="axe.min.js"></script>
<script>
window.addEventListener("load", async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
  const notes = [...document.querySelectorAll(".footnote")];
  // For each call, how far below it the sentence goes on (the first letter after its note).
  const gaps = [...document.querySelectorAll("a.noteref")].map((call) => {
    let node = call.nextSibling && call.nextSibling.classList && call.nextSibling.classList.contains("footnote")
      ? call.nextSibling.nextSibling : call.nextSibling;
    while (node && node.nodeType === 1) node = node.firstChild;
    if (!node || !node.textContent.trim()) return 0;
    const range = document.createRange();
    const at = node.textContent.search(/\\S/);
    range.setStart(node, at); range.setEnd(node, at + 1);
    return range.getBoundingClientRect().top - call.getBoundingClientRect().top;
  });
  // The reading order as the page shows it: the first letter of each text of the main flow (not
  // the notes), in the order of the text, must stand below the one before, or on its line
  // further along it. Each place where the eye would have to go back is counted.
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => n.textContent.trim() && !n.parentElement.closest(".footnote")
      && getComputedStyle(n.parentElement).display !== "none" ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
  });
  const rtl = getComputedStyle(document.documentElement).direction === "rtl";
  let last = null, backs = [], texts = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.textContent.search(/\\S/);
    const range = document.createRange();
    range.setStart(n, at); range.setEnd(n, at + 1);
    const box = range.getBoundingClientRect();
    if (!box.height) continue;
    texts += 1;
    if (last) {
      const sameLine = Math.abs(box.top - last.top) < last.height / 2;
      const along = rtl ? box.right <= last.right + 1 : box.left >= last.left - 1;
      if (box.top < last.top - last.height / 2 || (sameLine && !along)) backs.push(n.textContent.trim().slice(0, 30));
    }
    last = box;
  }
  // The page stands in a frame of the width tested (a window is 500 px at least): the frame's
  // parent keeps the result, which the browser's dump of the parent shows.
  const pre = parent.document.getElementById("probe");
  pre.textContent = JSON.stringify({
    width: window.innerWidth,
    violations: result.violations.map((v) => `${v.id} (${v.nodes.length})`),
    shown: notes.filter((n) => getComputedStyle(n).display !== "none").length,
    floated: notes.filter((n) => getComputedStyle(n).float === "right").length,
    notes: notes.length,
    widest_gap: Math.max(0, ...gaps),
    line: parseFloat(getComputedStyle(document.querySelector("main p")).lineHeight),
    texts: texts,
    backs: backs,
  });
});
</script>
"""


def _axe(validators: Validators, first: Built) -> Path:
    """axe-core as Ace installed it (Ace is run on the first document's EPUB first)."""
    validators.report("ace", first.epub)
    home = Path(os.environ.get("ACE_HOME", Path.home() / ".cache" / "clausepress-ace"))
    found = sorted(home.glob("node_modules/**/axe.min.js"))
    if not found:
        pytest.fail(f"no axe.min.js under {home}: Ace's installation did not bring it")
    return found[0]


def _probe(page: Path, width: int) -> dict[str, object]:
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is installed by scripts/bootstrap.sh for the tests"
    frame = page.with_name(f"frame-{width}.html")
    frame.write_text(
        f'<html><body><pre id="probe"></pre><iframe src="{page.name}" title="the page" '
        f'style="width: {width}px; height: 900px; border: 0"></iframe></body></html>',
        encoding="utf-8",
    )
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
         "--window-size=1400,1000", "--virtual-time-budget=20000", "--dump-dom", frame.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    found = re.search(r'<pre id="probe">(.+?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def _screenshot(page: Path, width: int) -> Path:
    """A screenshot of the page in a frame `width` px wide (kept beside the page for review:
    pytest's tmp folder), checked to show the text: dark pixels in the frame, none past it."""
    from PIL import Image

    chromium = shutil.which("chromium")
    assert chromium
    frame = page.with_name(f"shot-{width}.html")
    frame.write_text(
        f'<html><body style="margin:0"><iframe src="{page.name}" title="the page" '
        f'style="width: {width}px; height: 1000px; border: 0"></iframe></body></html>',
        encoding="utf-8",
    )
    shot = page.with_name(f"page-{width}.png")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
         "--window-size=1400,1000", "--virtual-time-budget=10000", f"--screenshot={shot}", frame.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert shot.is_file(), f"chromium wrote no screenshot {shot}"
    image = Image.open(shot).convert("L")
    inside = image.crop((0, 0, width, 1000)).histogram()
    outside = image.crop((width + 2, 0, image.width, 1000)).histogram()
    assert sum(inside[:128]) > 2000, f"the screenshot at {width} px shows no text"
    assert sum(outside[:250]) == 0, f"the page drew past its {width} px frame"
    return shot


@pytest.mark.validators
def test_web_page_in_a_browser(first: Built, validators: Validators, tmp_path: Path) -> None:
    shutil.copyfile(_axe(validators, first), tmp_path / "axe.min.js")
    page = tmp_path / "page.html"
    page.write_text(
        first.html.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"), encoding="utf-8"
    )
    phone, desk = _probe(page, 390), _probe(page, 1280)
    assert phone["width"] == 390 and desk["width"] == 1280
    _screenshot(page, 390), _screenshot(page, 1280)
    # The text reads in order on both: no text of the main flow stands above, or before on its
    # line, the text it follows (side notes and hidden notes apart).
    for seen in (phone, desk):
        assert isinstance(seen["texts"], int) and seen["texts"] > 100 and seen["backs"] == [], seen
    assert phone["violations"] == [] and desk["violations"] == []
    # At 390 px no note stands in the text: each call's sentence goes on within a line of it.
    assert phone["shown"] == 0 and phone["notes"] == 29
    assert isinstance(phone["widest_gap"], float | int) and isinstance(phone["line"], float | int)
    assert phone["widest_gap"] <= 1.5 * phone["line"], phone
    # At 1280 px every note is a side note beside its paragraph.
    assert desk["shown"] == desk["floated"] == 29
    assert isinstance(desk["widest_gap"], float | int) and desk["widest_gap"] <= 1.5 * float(
        str(desk["line"])
    )
