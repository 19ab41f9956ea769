"""The document forms: how each kind of body prints its resolutions, one definition each.

A form says what its title block shows (the metadata it keeps, in order, with the words
it prints them with), where the formula naming the body stands, how its clauses are
numbered by default, the conventions the checker holds it to, the house style (a class
on the page that the stylesheets dress), and what the importer recognises it by: its
page furniture, its formula, its resolving clauses, its meeting line and its annexes.
Adding a form is adding one entry to `FORMS`. See `../shared/reference/forms.md` (in the
repository's workplace) for the printed pages these follow.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

__all__ = ["FORMS", "ORDINALS", "Akn", "Form", "form", "ordinal_value"]


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_NEVER = re.compile(r"(?!)")
_PRINTED = ("designation", "date line")

# Ordinal words that number articles ("Article premier", "ماده اول" ... "ماده بيستم"), with their values.
# Persian is written with either yeh (ی, ي) and kaf (ک, ك), and "سی‌ام" with a space or a non-joiner:
# `ordinal_value` folds them.
_PERSIAN_UNITS = ("یکم", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم")
ORDINALS: dict[str, int] = {
    "premier": 1, "première": 1,
    "اول": 1, "نخست": 1, **{w: i for i, w in enumerate(_PERSIAN_UNITS[1:], 2)},
    "دهم": 10, "یازدهم": 11, "دوازدهم": 12, "سیزدهم": 13, "چهاردهم": 14, "پانزدهم": 15, "شانزدهم": 16,
    "هفدهم": 17, "هجدهم": 18, "هیجدهم": 18, "نوزدهم": 19, "بیستم": 20,
    **{f"بیست و {w}": 20 + i for i, w in enumerate(_PERSIAN_UNITS, 1)},
    "سی ام": 30, "سیام": 30,
}  # fmt: skip
_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "\u200c": " "})


def ordinal_value(word: str) -> int | None:
    """The value of an ordinal word that numbers an article ("premier" 1, "بيستم" 20), else None."""
    return ORDINALS.get(" ".join(word.translate(_FOLD).split()).casefold())


def _ordinal_pattern(word: str) -> str:
    return re.escape(word).replace("ی", "[یي]").replace("ک", "[کك]").replace(r"\ ", r"[ \u200c]?")


_ORDINAL = "|".join(_ordinal_pattern(w) for w in sorted(ORDINALS, key=len, reverse=True))
# A number in any script's digits (\d is Unicode: "1", "١", "१", "１"), in roman numerals, in
# Chinese numerals, in Hebrew letters ("סעיף כד") or an ordinal word, with an ordinal mark ("1.º",
# "1er"); "14 bis", an article inserted after 14.
_NUMBER = rf"(?:(?:\d{{1,3}}|[IVXLC]{{1,6}})(?:\.?º|er)?(?:[ \t]+(?:bis|ter|quater)\b)?|{_ORDINAL}|[א-ת]{{1,3}}(?![א-ת]))"
# A copy may set a space after every character ("第 二 十 七 条"): the number's characters too.
_HAN_NUMBER = r"[\d一二三四五六七八九十百零〇](?:[ \t]?[\d一二三四五六七八九十百零〇]){0,5}"
# The ordinal words of a Spanish constitution's chapters and parts ("Capítulo Primero", "Primera Parte").
_ES_ORDINAL = (
    r"(?:Primer[oa]?|Segund[oa]|Tercer[oa]?|Cuart[oa]|Quint[oa]|Sext[oa]|S[ée]ptim[oa]|Octav[oa]|Noven[oa]"
    r"|D[ée]cim[oa]|PRIMER[OA]?|SEGUND[OA]|TERCER[OA]?|CUART[OA]|QUINT[OA])"
)
_ES_PART = r"(?:Primera|Segunda|Tercera|Cuarta|Quinta|PRIMERA|SEGUNDA|TERCERA|CUARTA|QUINTA)"


@dataclass(frozen=True)
class Akn:
    """How a form is marked up in Akoma Ntoso 3.0 (`render/akn.py`, `check/akn.py`, `importer/akn.py`).

    `document`: the AKN document type (`statement`, `act`, `doc`) and `name` its `name` attribute;
    `country`, `subtype` and `actor` the parts of the FRBR IRI by the AKN naming convention
    (`/akn/un/statement/deliberation/un-ga/2016-10-13/71-4`): `country` is the jurisdiction ("un",
    "eu", "us"; "xx" where the form knows none), `actor` the issuing body's id, None to derive it from
    the document's issuer. `clause` and `subclause` the elements of an operative paragraph and of its
    sub-paragraphs; `symbol` the pattern of the metadata's symbol whose groups, joined by "-", are
    the IRI's number (AKN4UN: "A/RES/71/4" is "71-4"), the document's id otherwise.
    """

    document: str = "statement"
    name: str = "resolution"
    country: str = "xx"
    subtype: str | None = "deliberation"
    actor: str | None = None
    clause: str = "paragraph"
    subclause: str = "subparagraph"
    symbol: re.Pattern[str] = _NEVER

    @property
    def body(self) -> str:
        """The element of the operative part: `body` in an act, `mainBody` in the others."""
        return "body" if self.document == "act" else "mainBody"


@dataclass(frozen=True)
class Form:
    """One document form."""

    name: str
    label: str  # as people name it
    metadata: tuple[str, ...] = ()  # the keys its title block shows, in order
    formula_first: bool = False  # the formula ("The General Assembly,") stands before the preamble
    numbering: str = "1."  # the default numbering style of its clauses
    title_numbered: bool = False  # the title carries the document's number ("80/4. Title")
    # What the importer recognises (on a whole line, or at its start):
    furniture: re.Pattern[str] = _NEVER  # page furniture: running heads, job numbers, "Please recycle"
    formula: re.Pattern[str] = _NEVER  # the line naming the body before the preamble
    resolving: re.Pattern[str] = _NEVER  # a line that opens an operative clause ("Resolved, That")
    borrows_resolving: bool = False  # the other forms' resolving words open its clauses too
    meeting: re.Pattern[str] = _NEVER  # the closing line: the meeting and date of adoption
    annex: re.Pattern[str] = _NEVER  # the heading of an annex
    signals: tuple[re.Pattern[str], ...] = field(default=())  # lines that tell this form from others
    # The heading of an article or section, its number in group "n" ("Статья 1", "第一条", "Section 1."),
    # and its word in group "word" when the number follows a word (the numbering label's word).
    article: re.Pattern[str] = _NEVER
    preamble_heading: re.Pattern[str] = _NEVER  # the heading over the preamble: "Preamble", "ПРЕАМБУЛА"
    # A heading above the title that gives the document's number or label ("ORDINANCE NO. XVI",
    # "EXHIBIT A"): the title is the heading after it, when there is one.
    designation: re.Pattern[str] = _NEVER
    # A heading inside the operative part: its label in group "label" ("CHAPTER I", "CAPITULO  I",
    # "HOOFDSTUK I", "TITRE I"), its title, when on the same line, after it.
    chapter: re.Pattern[str] = _NEVER
    # Headings with no label stand between its clauses ("Arms embargo", "Travel ban").
    bare_headings: bool = False
    # Every paragraph ends with its punctuation: one that ends on a bare word was cut by a page.
    punctuated: bool = False
    # The clause that ends the operative part ("Decides to remain seized of the matter."): what
    # follows it is an annex, when the copy lost the annex's heading.
    annex_after: re.Pattern[str] = _NEVER
    # Its annexes are exhibits, documents attached as they stand: the exhibit's own heading ("Exhibit
    # 1", "ATTACHMENT: LCDC FORM NO. EV-1") names it, and the headings under it are the attached
    # document's (a letterhead, its title, its sections), headings in the annex and no title of it.
    exhibits: bool = False
    akn: Akn = Akn()  # how it is marked up in Akoma Ntoso

    def printed(self, metadata: dict[str, str], text: Collection[str] = ()) -> list[tuple[str, str]]:
        """The metadata its title block prints, in its order: its own fields, then a designation
        ("ORDINANCE NO. XVI") and the date lines under a title, then the fields of `text` (those the
        source gives as inline text, which may call a note: "Your UNY644.¹"), in the metadata's order.
        The rest (a catalogue's record, a copy's furniture, an editor's notes) stays in the source and
        the files' metadata, unprinted."""
        order = [*self.metadata, *_PRINTED]
        own = [(k, v) for key in order for k, v in metadata.items() if k.split(" (")[0] == key]
        taken = {k for k, _ in own}
        return own + [(k, v) for k, v in metadata.items() if k in text and k not in taken]

    # The title block of a text copied from the body's print, before its formula: (metadata key,
    # the start of that field), and the start of the title in it ("80/4. ", "Resolution 2334 (2016)").
    # A field runs on to the start of the next; the keys "furniture" and "page" are no metadata of
    # the document but kept as such ("United Nations", a job number, a barcode).
    head: tuple[tuple[str, re.Pattern[str]], ...] = ()
    title_start: re.Pattern[str] = _NEVER
    # Where a title block with no formula ends: the line that opens the text ("Whereas", "Resolved").
    head_end: re.Pattern[str] = _NEVER
    # A line of page furniture anywhere in a copied print (a page number with the job number);
    # running heads that repeat the document's symbol are found from the symbol.
    page_furniture: re.Pattern[str] = _NEVER
    # A paragraph that opens a recital ("WHEREAS,", "Conference notes"): the preamble is the run of
    # them, and what stands between two recitals is quoted matter of the first.
    recital: re.Pattern[str] = _NEVER
    # A citation of the preamble ("– having regard to ..."), its mark (a dash, a list's hyphen, a soft
    # hyphen a copy made of the dash) in group "mark"; the importer writes the mark as `citation_mark`.
    citation: re.Pattern[str] = _NEVER
    citation_mark: str = ""
    # The clause that ends the operative part ("Instructs its President to forward this resolution"):
    # what follows it in a copy (a wiki's list of sources) is no part of the document.
    last_clause: re.Pattern[str] = _NEVER
    # The heading of a section an editor added before the text ("Synopsis"): kept in the metadata.
    editorial: re.Pattern[str] = _NEVER
    # A line of the title block that is no part of the title ("SECOND REGULAR SESSION",
    # "INTRODUCED BY REPRESENTATIVE ..."): kept in the metadata, the other lines are the title.
    masthead: re.Pattern[str] = _NEVER
    # The body's name as the formula gives it, less the formula's punctuation ("The General Assembly"):
    # the formula as a copy damaged it, its comma lost or made a colon or a dash, a paragraph number
    # or a quote before it, the next paragraph run into it ("The General Assembly:", "The Security
    # Council- Having ...", "1\. The General Assembly mindful of ...", "'THE GENERAL ASSEMBLY 1. Notes").
    # See `importer.patterns.formula_at`.
    body: re.Pattern[str] = _NEVER
    # The verb an operative paragraph opens with ("Requests", "Calls upon", "Further invites"), for a
    # text whose operative paragraphs are unnumbered: the first paragraph after the preamble that
    # opens so opens the operative part.
    verb: re.Pattern[str] = _NEVER


# The title block of a congressional text as GPO prints it (govinfo's TXT, congress.gov's text):
# its version line, the Congress and session, the number, the chamber, the date, the sponsor
# line, the rules, and the title twice (under the number, and under "RESOLUTION").
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_GPO_HEAD = (
    (
        "furniture",
        re.compile(
            r"\[Congressional Bills [^\]]*\]|\[From the U\.S\. Government (?:Publishing|Printing) Office\]"
        ),
    ),
    ("version", re.compile(r"(?m)^\[(?:S|H)\.\s*(?:Con\.\s*|J\.\s*)?Res\.\s*\d+[^\]]*\]")),
    ("furniture", re.compile(r"(?m)<DOC>|_{10,}|^(?:CONCURRENT |JOINT )?RESOLUTION$")),
    ("congress", re.compile(r"(?m)^\d+(?:st|nd|rd|th) CONGRESS\b")),
    ("session", re.compile(r"(?m)^\d(?:st|nd|rd|th) Session\b")),
    ("number", re.compile(r"(?m)^(?:S|H)\.\s*(?:CON\.\s*|J\.\s*)?RES\.\s*\d+\b")),
    ("long title", re.compile(r"(?m)(?<=\d\n)(?:[A-Z][a-z]+ing|To|Electing)\b")),
    ("chamber", re.compile(r"(?m)^IN THE (?:SENATE|HOUSE OF REPRESENTATIVES) OF THE UNITED STATES\b")),
    ("introduced", re.compile(rf"(?m)^{_MONTH} \d{{1,2}}, \d{{4}}\b")),
    ("sponsor", re.compile(r"(?m)^(?:Mr|Ms|Mrs|Miss|Dr)\. [A-Z]")),
)
_US_RESOLVING = r"(?:\*\*)?(?:BE IT FURTHER |Now,? therefore,? be it )?Resolved\b.*"
_WHEREAS = r"(?:\*\*|_)?WHEREAS\b"
# A conference's verbs, after "Conference" ("This Conference further notes", "Conference calls upon").
_CONFERENCE = (
    r"(?:This |The )?(?:Conference|Congress|Assembly|Council|Meeting) (?:further |also |therefore )?"
)

_UN_FURNITURE = _any(
    r"United Nations\s*(?:A|S)/RES/\S+.*",
    r"(?:A|S)/RES/\d+/\d+\S*(?:\s*\(\d{4}\))?",
    r"Distr\.?:?\s*(?:General|générale|Limited)\b.*",
    r"\d{2}-\d{4,5}\s*\([A-Z]\)\s*\S*",  # the job number: "16-16163 (E)"
    r"\*\d{7}\*",
    r"Please recycle\s*",
    r"General Assembly\s*",
    r"Security Council\s*",
)

# A cable's security grading: "SECRET", "MOST IMMEDIATE SECRET", "RESTRICTED".
_GRADING = r"(?:(?:MOST|TOP|IMMEDIATE|PRIORITY|PERSONAL)[ \t]+)*(?:SECRET|CONFIDENTIAL|RESTRICTED|IMMEDIATE)"

# The title block of a UN resolution as its PDF prints it (and as copies of it run its lines together).
_UN_HEAD = (
    ("furniture", re.compile(r"(?m)^United Nations(?=\s|$)")),
    ("symbol", re.compile(r"(?:A|S)/RES/[\w.-]+(?:/[\w.-]+)*(?:\s*\(\d{4}\))?")),
    ("furniture", re.compile(r"(?m)^(?:General Assembly|Security Council)(?=[ \t]*(?:$|Distr))")),
    ("distribution", re.compile(r"Distr\.?\s*:?\s*(?:General|Limited|Restricted)\b")),
    ("session", re.compile(r"(?m)^[A-Z][a-z]+(?:-[a-z]+)? (?:(?:emergency )?special )?session\b")),
    ("agenda item", re.compile(r"Agenda items? \d")),
    ("furniture", re.compile(r"\b\d{2}-\d{4,5}\s*\([A-Z]\)(?:[ \t]+\d{6})?")),  # the job number
    ("furniture", re.compile(r"\*\d{7,8}\*")),  # its barcode
    (
        "adopted by",
        re.compile(r"Resolution adopted by the General Assembly\b|Adopted by the Security Council\b"),
    ),
    ("origin", re.compile(r"\[(?:without reference to a Main Committee|on the report of the)\b")),
    # A documents volume's print of a UN text (a cable that quotes it, the resolution as filed): the
    # line that says where and when it was sent or made ("Cablegram UN958 NEW YORK, 9 December 1946,
    # 12.57 a.m.", "Resolution 192 (III) extract, PARIS, 19 November 1948"), the cable's security
    # grading ("MOST IMMEDIATE SECRET"), its serial ("Assembly 139. Korea.", "Security 511. Your
    # UNY644.") and the line that leads in the text ("The following is the text of ...").
    (
        "dateline",
        re.compile(
            rf"(?m)^(?=[^\n]*\b[A-Z]{{2,}}(?:[ -][A-Z]{{2,}})*,?[ \t]+\d{{1,2}}[ \t]+{_MONTH}[ \t]+\d{{4}}\b)"
        ),
    ),
    ("classification", re.compile(rf"(?m)^{_GRADING}[ \t]*$")),
    ("serial", re.compile(r"(?m)^[A-Z][a-z]+[ \t]+\d{1,4}\.(?=[ \t]|$)")),
    (
        "lead-in",
        re.compile(
            r"(?m)^(?:The[ \t]+)?[Ff]ollowing[ \t]+is[ \t]+(?:the[ \t]+)?(?:full[ \t]+)?text[ \t]+of\b"
        ),
    ),
    ("adopted by", re.compile(r"(?m)^ADOPTED AT THE \d+[A-Z]{0,2} MEETING\b")),
)
# The title a documents volume prints in capitals on a line of its own ("RESOLUTION ON THE INDONESIAN
# QUESTION"): three words at least, and no other field of the title block (a grading, an adoption line).
_CAPITALS_TITLE = (
    rf"^(?!ADOPTED\b|{_GRADING}[ \t]*$)(?=[A-Z][^a-z\n]*[A-Z][^a-z\n]*$)(?=[^\n]*\S[ \t]+\S+[ \t]+\S)"
)
# The verb a UN operative paragraph opens with, in the third person: "Requests", "Trusts that",
# "Calls upon", after an adverb ("Further invites", "Earnestly requests"); no recital's word
# ("Conscious", "Desirous", "Whereas").
_UN_VERB = r"(?:(?:[A-Z][a-z]+ly|Further|Also|Again)[ \t]+[a-z]+|(?!Whereas\b|This\b|Thus\b|Its\b)[A-Z][a-z]+)(?<=[^s]s)(?<!ous)\b"
# A heading inside the operative part or an annex: "I. Follow-up", "A. Financing" (its title after the label).
_UN_HEADING = re.compile(r"(?P<label>[IVXLC]{1,6}\.|[A-Z]\.)(?=\s+\S)")
_UN_PAGE = (
    r"\d{1,3}/\d{1,3}\s+\d{2}-\d{4,5}(?:\s*\([A-Z]\))?|\d{2}-\d{4,5}(?:\s*\([A-Z]\))?\s+\d{1,3}/\d{1,3}"
)

# The European Parliament's citations, "– having regard to", and its lettered recitals, "A. whereas", in
# its languages; a copy's list marker or bold may stand before either ("-   having regard to", "**Ba.").
_EP_CITATION = re.compile(
    r"(?P<mark>[-–—\xad*+][ \t]*)?(?=having regard to\b|visto\b|vist[ae]\b|vu\b|gestützt auf\b"
    r"|unter Hinweis auf\b|in Kenntnis\b|gelet op\b)",
    re.IGNORECASE,
)
_EP_RECITAL = r"(?:\*\*|__)?[A-Z][a-z]?\.[ \t]+(?:\*\*|__)?(?:whereas|considérant|considerando|in der Erwägung|overwegende)\b"

FORMS: dict[str, Form] = {
    f.name: f
    for f in (
        Form(
            "association", "an association's or NGO's resolution",
            akn=Akn(),
            furniture=_any(r"Motion"),  # the heading over a conference motion's text
            resolving=_any(_CONFERENCE + r"(?:resolves|calls|applauds|urges|instructs|requests|demands|"
                           r"condemns|supports|agrees|reaffirms|commits|pledges|endorses|opposes)\b.*"),
            borrows_resolving=True,
            recital=_any(_CONFERENCE + r"(?:notes|believes|recognises|recognizes|acknowledges|welcomes|"
                         r"regrets|considers|is concerned)\b", _WHEREAS),
            editorial=_any(r"Synopsis", r"Exceptional Circumstances", r"Summary", r"Background"),
            signals=(_any(_CONFERENCE + r"(?:notes|believes)\b"), _any(_CONFERENCE + r"(?:calls|resolves)\b")),
        ),
        Form(
            "un-ga", "a resolution of the United Nations General Assembly",
            akn=Akn(country="un", actor="un-ga", symbol=re.compile(r"A/RES/(\d+)/(\d+)")),
            metadata=("symbol", "distribution", "session", "agenda item", "adopted by", "origin"),
            formula_first=True, title_numbered=True, punctuated=True,
            furniture=_UN_FURNITURE,
            head=_UN_HEAD,
            title_start=re.compile(r"(?m)^(?:[A-Z]{1,3}-\d{1,2}/)?\d{1,3}/\d{1,4}\s*\.[ \t]+(?=\S)|^\d{1,4}\s*\([IVXLC]+\)\.?[ \t]|"
                                   + _CAPITALS_TITLE),
            page_furniture=_any(_UN_PAGE, r"\*\d{7,8}\*", r"Please recycle\s*.?", r"\d{2}-\d{4,5}\s*\([A-Z]\)(?:\s+\d{6})?"),
            formula=_any(r"The General Assembly,", r"L['’]Assemblée générale,", r"La Asamblea General,",
                         r"Генеральная Ассамблея,", r"大会[，,]", r"إن الجمعية العامة[،,]"),
            body=_any(r"The General Assembly", r"L['’]Assemblée générale", r"La Asamblea General"),
            verb=re.compile(_UN_VERB),
            meeting=_any(r"\d+(?:st|nd|rd|th) plenary meeting\b.*", r"\d+e séance plénière\b.*"),
            annex=_any(r"Annex(?:\s+[IVXLC]+)?", r"Annexe(?:\s+[IVXLC]+)?"),
            chapter=_UN_HEADING,
            signals=(_any(r"Resolution adopted by the General Assembly"), _any(r"A/RES/\d+/\d+")),
        ),
        Form(
            "un-sc", "a resolution of the United Nations Security Council",
            akn=Akn(country="un", actor="un-sc", symbol=re.compile(r"S/RES/(\d+)")),
            metadata=("symbol", "distribution", "adopted by"),
            formula_first=True,
            furniture=_UN_FURNITURE,
            head=_UN_HEAD,
            title_start=re.compile(r"(?m)^(?i:Resolution) \d{1,4}\s*\(\d{4}\)|" + _CAPITALS_TITLE),
            chapter=_UN_HEADING, bare_headings=True, punctuated=True,
            annex_after=re.compile(r"(?:Decides|Decide) to remain (?:actively )?seized of the matter\.?\s*\Z"),
            page_furniture=_any(_UN_PAGE, r"\*\d{7,8}\*", r"Please recycle\s*.?", r"\d{2}-\d{4,5}\s*\([A-Z]\)(?:\s+\d{6})?"),
            formula=_any(r"The Security Council,", r"Le Conseil de sécurité,", r"Совет Безопасности,",
                         r"安全理事会[，,]?"),
            body=_any(r"The Security Council", r"Le Conseil de sécurité"),
            verb=re.compile(_UN_VERB),
            meeting=_any(r"Adopted (?:unanimously )?(?:by the Security Council )?at (?:its )?\d+\S* meeting.*"),
            signals=(_any(r"Adopted by the Security Council at its"), _any(r"S/RES/\d+")),
        ),
        Form(
            "eu-parliament", "a resolution of the European Parliament",
            akn=Akn(country="eu", actor="ep"),
            metadata=("reference", "procedure"),
            formula_first=True,
            # A national parliament's motion prints in this layout too: "Der Bundestag wolle beschließen:".
            formula=_any(r"The European Parliament,", r"Le Parlement européen,", r"Il Parlamento europeo,",
                         r"Das Europäische Parlament,", r"El Parlamento Europeo,", r"Het Europees Parlement,",
                         r"O Parlamento Europeu,", r"Parlament Europejski,",
                         r"Der (?:Deutsche )?Bundestag wolle beschließen:"),
            # The title among the lines before the formula, after the document's reference ("B6-0152/2004").
            title_start=_any(r"European Parliament resolution\b", r"Resolution adopted by the (?:EP|European Parliament)\b",
                             r"Résolution du Parlement européen\b", r"Risoluzione del Parlamento europeo\b",
                             r"Entschließung des Europäischen Parlaments\b", r"Resolución del Parlamento Europeo\b"),
            citation=_EP_CITATION,
            citation_mark="–",
            recital=_any(_EP_CITATION.pattern, _EP_RECITAL),
            last_clause=_any(r"Instructs its President to forward\b", r"Charge (?:son Président|sa Présidente) de transmettre\b",
                             r"Incarica (?:il suo Presidente|la sua Presidente) di trasmettere\b",
                             r"Beauftragt (?:seinen Präsidenten|seine Präsidentin),? diese Entschließung\b",
                             r"Encarga (?:a su Presidente|a su Presidenta) que transmita\b"),
            signals=(_any(r"European Parliament resolution\b", r"risoluzione del Parlamento europeo",
                          r"Entschließung des Europäischen Parlaments", r"Résolution du Parlement européen"),
                     _any(r"P\d_TA\(\d{4}\)\d+", r"B\d-\d{4}/\d{4}", r"Drucksache \d+/"),
                     _any(r"(?:[-–—\xad]\s*)?(?:having regard to|vu |visto |gestützt auf)")),
        ),
        Form(
            "coe-pace", "a resolution of the Parliamentary Assembly of the Council of Europe",
            akn=Akn(country="coe", actor="pace"),
            metadata=("author", "origin", "adopted by"),
            head=(
                ("author", re.compile(r"(?m)^Author\(s\)\s*:")),
                ("origin", re.compile(r"(?m)(?:^Origin\s*[-–:]\s*)?Assembly debate on\b")),
                ("adopted by", re.compile(r"Text adopted by the (?:Assembly|Standing Committee)\b")),
                ("see also", re.compile(r"(?m)^See also\b")),
            ),
            title_start=re.compile(r"(?im)^(?:Resolution|Recommendation|Opinion) \d{1,4}\s*\(\d{4}\)"),
            head_end=re.compile(r"1\.\s+\S"),
            signals=(
                _any(r"Parliamentary Assembly", r"Assemblée parlementaire"),
                _any(r"Text adopted by the (?:Assembly|Standing Committee)", r"Assembly debate on",
                     r"Texte adopté par l['’]Assemblée"),
                _any(r"\(\d+(?:st|nd|rd|th|e) (?:[Ss]itting|séance)\)", r"\bDoc\. \d{4,5}\b"),
            ),
        ),
        Form(
            "us-congress", "a resolution of the United States Congress or a state legislature",
            akn=Akn(country="us"),
            metadata=("congress", "session", "number", "chamber", "introduced", "sponsor"),
            numbering="none",
            furniture=_any(r"\[Congressional Bills .*\]", r"\[From the U\.S\. Government (?:Publishing|Printing) Office\]",
                           r"<all>"),
            head=_GPO_HEAD,
            title_start=re.compile(r"(?<=\nRESOLUTION\n)(?=\S)|(?<=\nCONCURRENT RESOLUTION\n)(?=\S)|(?<=\nJOINT RESOLUTION\n)(?=\S)"),
            head_end=re.compile(r"(?:Whereas\b|Resolved\b|That\b)"),
            page_furniture=_any(r"<all>", r"<DOC>", r"\[Congressional Bills .*\]",
                                r"\[From the U\.S\. Government (?:Publishing|Printing) Office\]"),
            resolving=_any(_US_RESOLVING),
            recital=_any(_WHEREAS),
            signals=(_any(r"\d+(?:st|nd|rd|th) CONGRESS"), _any(r"IN THE (?:SENATE|HOUSE) OF"),
                     _any(r"\bResolved(?: by the [^,]+)?, That\b"), _any(r"\bNow, therefore, be it\b")),
        ),
        Form(
            "us-municipal", "a resolution or ordinance of a city or county council",
            akn=Akn(country="us"),
            metadata=("number", "sponsor", "vote"),
            numbering="Section 1.",
            designation=_any(r"(?:RESOLUTION|ORDINANCE)\s+NO\.?\s*\S.*", r"EXHIBIT\s+[A-Z0-9]{1,3}"),
            # "{signature}, BE IT RESOLVED": a transcriber's placeholder may stand before the words.
            resolving=_any(r"(?:\{\w+\},?\s*)?(?:\*\*)?(?:NOW,? THEREFORE,? )?BE IT (?:FURTHER )?(?:RESOLVED|ORDAINED)\b.*",
                           r"(?:\*\*)?(?P<word>SECTION|Section) (?P<n>\d+)[.:](?:\*\*)?.*",
                           _US_RESOLVING),  # a state legislature's "RESOLVED, That"
            recital=_any(_WHEREAS),
            annex=re.compile(r"(?:EXHIBIT|Exhibit|ATTACHMENT|Attachment)\b\s*[\w\"“”:.-]*.*"),
            exhibits=True,
            # A transcription's notes on the document it was made from (stamps, handwriting, a page's notes).
            editorial=_any(r"Document Notes"),
            # A state legislature's title block: the session, the assembly, the sponsor, the clerk's line.
            masthead=_any(r"(?:FIRST|SECOND|THIRD|FOURTH) (?:REGULAR|EXTRAORDINARY|SPECIAL) SESSION",
                          r"\d+(?:ST|ND|RD|TH) GENERAL ASSEMBLY", r"INTRODUCED BY .+",
                          r"\d{3,5}[HS]\.\d{2}[A-Z]\s.*"),
            # A Chinese provincial, city or county people's congress ("河南省第六届人民代表大会") prints
            # its resolutions in this layout too: one preamble, numbered items.
            signals=(_any(r"CITY COUNCIL", r"City of \w+", r"ORDINANCE NO", r"[省市县]第[一二三四五六七八九十]+届人民代表大会"),
                     _any(r"\d+(?:st|nd|rd|th) General Assembly", r"(?:HOUSE|SENATE) CONCURRENT RESOLUTION"),
                     _any(r"\bRESOLUTION NO\.?\s"), re.compile(r"\bBE IT (?:FURTHER )?RESOLVED\b"),
                     # A state chamber numbers its resolutions so ("Senate Resolution No. 159"; Congress
                     # writes "S. Res. 99") and names its state ("New York State Legislature").
                     _any(r"\b(?:Senate|Assembly|House) Resolution No\.?\s*\d"),
                     _any(r"\bState Legislature\b", r"\bLegislature of the State\b", r"\bin the State of [A-Z]")),
        ),
        Form(
            "articles", "a declaration, charter or statute in articles",
            akn=Akn(document="act", name="act", subtype=None, clause="article", subclause="paragraph"),
            numbering="Article 1",
            article=re.compile(
                rf"(?P<word>Article|ARTICLE|Art\.|Artículo|ARTÍCULO|Artikel|ARTIKEL|Articolo|Artigo|Статья|Стаття"
                rf"|СТАТЬЯ|СТАТТЯ|Άρθρο|ΑΡΘΡΟ|Madde|MADDE|Հոդված|अनुच्छेद|סעיף|ماده)\s+(?P<n>{_NUMBER})(?=[\s.:\-–—]|\Z)"
                rf"|第\s*(?P<han>{_HAN_NUMBER})\s*[条條]|제\s*(?P<ko>\d{{1,3}})\s*조"
            ),
            chapter=re.compile(
                r"(?P<label>(?:CHAPTER|Chapter|CAPITULO|CAPÍTULO|Capítulo|TITRE|Titre|TITULO|TÍTULO|HOOFDSTUK"
                rf"|Hoofdstuk|KAPITEL|Kapitel|ГЛАВА|Глава|РОЗДІЛ|Розділ)\s+(?:[IVXLC\d]{{1,6}}\.?|{_ES_ORDINAL})"
                r"|(?:SECTION|Section)\s+[IVXLC]{1,6}\.?"  # a convention's "Section I – Rights ..."
                rf"|{_ES_PART}\s+(?:Parte|PARTE)|(?:Parte|PARTE)\s+{_ES_ORDINAL})(?=[\s:.]|\Z)"  # "Primera Parte"
            ),
            # An annex's heading: "ANNEXE.", "Annex II", "Anexo".
            annex=_any(r"(?:ANNEXE?|Annexe?|ANEXO|Anexo|ANLAGE|Anlage|BIJLAGE|Bijlage)(?:\s+[IVXLC\d]{1,4})?\.?"),
            # A treaty's parties, named before its recitals: "The Governments of ... Northern Ireland,".
            formula=_any(r"The (?:Governments|governments|High Contracting Parties|States Parties)\b.*,",
                         r"(?:De Regeringen|Les Gouvernements|Die Regierungen|Los Gobiernos)\b.*,"),
            preamble_heading=_any(r"Preamble", r"Préambule", r"Preámbulo", r"Preâmbulo", r"Preambolo", r"Präambel",
                                  r"Преамбула", r"Προοίμιο", r"Önsöz", r"प्रस्तावना", r"مقدمه", r"〈?前文〉?",
                                  r"Lời nói đầu", r"الديباجة", r"序\s*言", r"弁言",
                                  r"전\s*문"),
        ),
    )
}  # fmt: skip


def form(name: str) -> Form:
    """The form called `name` (ValueError naming the known ones otherwise)."""
    try:
        return FORMS[name]
    except KeyError:
        raise ValueError(f"unknown form {name!r}; expected one of {', '.join(FORMS)}") from None
