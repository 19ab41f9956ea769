"""The web page: standalone, accessible, escaped, the same content as the PDF is made from."""

from __future__ import annotations

from lxml import etree

from clausepress import loads
from clausepress.render.html import render_html

from ..conftest import Built


def test_standalone_page(first: Built) -> None:
    text = first.html.read_text(encoding="utf-8")
    root = etree.fromstring(text.encode(), etree.HTMLParser())
    assert root.get("lang") == "en"
    assert root.findtext(".//title") == "IAGS Resolution on Nagorno-Karabakh"
    assert root.find(".//style") is not None and not root.xpath("//link[@rel='stylesheet']")
    assert not root.xpath("//script") and "http" not in " ".join(root.xpath("//style/text()"))
    assert len(root.xpath("//a[@role='doc-noteref']")) == len(root.xpath("//*[@role='doc-footnote']")) == 29
    assert len(root.xpath("//li[@class='clause']")) == 15
    assert len(root.xpath("//p[@class='recital']")) == 19


def test_text_is_escaped_and_addresses_checked() -> None:
    doc = loads(
        "title: 'A <b>bold</b> & title'\n"
        "operative:\n"
        "  - verb: Notes\n"
        "    text: '<img src=x onerror=alert(1)> [a](javascript:alert(1)) [b][s]'\n"
        "sources:\n"
        "  s: {URL: 'file:///etc/passwd'}\n"
    )
    html = render_html(doc)
    assert "<b>" not in html and "&lt;b&gt;bold&lt;/b&gt; &amp; title" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="javascript' not in html and 'href="file:' not in html


def test_xhtml_is_well_formed(first: Built) -> None:
    """The page is also well-formed XML (the EPUB reuses the writer)."""
    etree.fromstring(first.html.read_bytes().split(b"\n", 1)[1])  # after the doctype line
