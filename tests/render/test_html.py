"""The web page: standalone, accessible, escaped, the same content as the PDF is made from."""

from __future__ import annotations

import re

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


def test_only_a_run_with_no_break_point_for_a_line_may_break_anywhere() -> None:
    figures = "7" * 40
    doc = loads(
        f'title: Runs\noperative:\n  - verb: Notes\n    text: "the code {figures} and 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一."\n'
    )
    page = render_html(doc)
    assert page.count('class="unbroken"') == 1 and f'<span class="unbroken">{figures}</span>' in page
    assert 'class="unbroken"' not in render_html(doc, target="epub")  # e-readers break it themselves
    assert not re.search(r"overflow-wrap: *break-word *[;}]", page)  # no word else breaks without its hyphen


def test_a_long_run_of_capitals_is_hyphenated_a_word_in_capitals_is_not() -> None:
    doc = loads(
        'title: Caps\noperative:\n  - text: "RESOLVED, THEREFORE, SENATEOFTHEUNITEDSTATESOFAMERICA."\n'
    )
    page = render_html(doc)
    text = page.split('class="clause-number">1. </span>')[1].split("</li>")[0]
    # Words in capitals are kept whole (the page is hyphenated by `hyphens: auto`, which would
    # break them); a run of capitals as long as a copy's run-together words is not.
    assert '<span class="whole">RESOLVED</span>, <span class="whole">THEREFORE</span>, ' in text
    assert '<span class="whole">SENATE' not in text and "\u00ad" not in text
    assert re.sub(r"<[^>]+>", "", text).strip() == "RESOLVED, THEREFORE, SENATEOFTHEUNITEDSTATESOFAMERICA."


def test_a_field_that_calls_a_note_prints_in_the_title_block_with_its_call() -> None:
    """A metadata field given as inline text prints after the form's own fields, its note's call in it
    (note 1: the title block is read first); a field given as text the form does not print stays out."""
    from ..test_source import CALLED

    html = render_html(loads(CALLED, "c.yaml"))
    root = etree.fromstring(html.encode(), etree.HTMLParser())
    metas = root.xpath("//div[@class='metadata']/p")
    assert [p.get("class") for p in metas] == ["meta meta-symbol", "meta meta-serial"]
    (call,) = metas[1].xpath(".//a[@role='doc-noteref']")
    assert (call.text, call.get("href")) == ("1", "#fn-1")
    assert "GENEVA" not in "".join(root.xpath("//header//text()"))
