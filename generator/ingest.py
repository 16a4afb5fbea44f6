"""Ingest: article files → cleaned `Article` records.

Reads every `*.txt` / `*.md` file directly in a folder (not its subfolders),
decodes it safely, normalises the text (NFC; invisible and control characters
removed), reads optional YAML front matter, strips HTML and page furniture
(ads, counters, "Read more" lines), splits a headline glued to its story's first
sentence off it, splits a file holding several articles at their by-lines, and keeps
photo captions apart from the body. A file that cannot be read is reported as a
`Problem` and skipped; the others are processed.

Only regular files are read. Symbolic links are never followed, wherever they
point (inside the seeds folder or out of it): what is published must be a
file someone put in the seeds folder, not `.git/config` or `/etc/passwd` behind
a link. Links, FIFOs, sockets and devices are reported and skipped.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import html
import os
import re
import stat
import unicodedata
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from generator.errors import SummitTimelineError
from generator.knowledge import load_data
from generator.knowledge.roles import knowledge
from generator.knowledge.speech import speech_cues
from generator.model import Article, PartialDate, Problem, slugify

ARTICLE_SUFFIXES = (".txt", ".md")
# Larger files are not news articles; reading them would only exhaust memory.
MAX_FILE_BYTES = 50_000_000
# spaCy's own limit on one text (its parser needs about 1 GB per 100,000 words):
# a longer article part is reported and left out.
MAX_ARTICLE_CHARS = 1_000_000
FRONT_MATTER_KEYS = ("title", "published", "publisher", "url")
# A headline is one short line that does not end like a sentence.
MAX_HEADLINE_CHARS = 200


class SkippedFile(SummitTimelineError):
    """The file cannot be used; the message says why and what to do."""


class SeedsFolderError(SummitTimelineError):
    """The seeds path is not a folder of articles."""


_NOT_FOLLOWED = (
    "links are not followed, so that no file outside the seeds folder is published: "
    "copy the article itself into the seeds folder"
)


# Characters that are invisible in the text yet split or join words, so that
# "Pu<zero-width space>tin" would become a new person: zero-width characters,
# bidirectional controls, the byte order mark anywhere, the soft hyphen.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
# C0 and C1 controls other than tab and line breaks (a NUL would reach the HTML).
_CONTROLS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
_REMOVED = re.compile(f"[{_INVISIBLE}{_CONTROLS}]+")
# Unicode spaces read as a plain space; characters that break lines as a newline.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")

# UTF-8 read as Windows-1252 somewhere upstream ("Khanâ€™s", "â€œWe", "Â£5m"): the lead
# characters of a two- or three-byte sequence followed by a continuation byte as
# Windows-1252 shows it. Scraped corpora also put spaces around the last byte ("Khanâ€ ™ s")
# and turn the byte Windows-1252 leaves undefined (0x9d, the last of "”") into "�" or drop it.
_CONTINUATION = re.escape("".join(sorted({bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)})))
_MOJIBAKE = re.compile(
    rf"(â€)(?: ?([{_CONTINUATION}\ufffd])(?: (?=(?:s|t|re|ve|ll|d|m)\b))?|(?=\s|$))|([ÂÃ])([{_CONTINUATION}])"
)


@dataclass(frozen=True)
class _Patterns:
    drop: re.Pattern[str]
    strip_prefix: re.Pattern[str]
    picture_credit: re.Pattern[str]
    glued_picture_credit: re.Pattern[str]
    bullet: re.Pattern[str]
    cut_from: re.Pattern[str]
    credit: re.Pattern[str]
    caption: re.Pattern[str]
    stamp: re.Pattern[str]


def _any_of(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


@cache
def _patterns() -> _Patterns:
    data = load_data("boilerplate")
    return _Patterns(
        drop=_any_of(data["drop_lines"]),
        strip_prefix=_any_of([*data["strip_prefixes"], _picture_credit(data)]),
        picture_credit=_any_of([_picture_credit(data)]),
        glued_picture_credit=_any_of([r"(?<=\s)" + _picture_credit(data, labelled_only=True)]),
        bullet=_any_of(data["bullet_marks"], flags=0),
        cut_from=_any_of(data["cut_from"]),
        # By-lines are matched case-sensitively: "By contrast …" is prose.
        credit=_any_of(data["credit_lines"], flags=0),
        caption=_any_of(data["caption_lines"]),
        stamp=_publication_stamp(data),
    )


def _publication_stamp(data: dict) -> re.Pattern[str]:
    """A publication stamp ("Tuesday 4 May 2010 08.43 BST", "May 4, 2010 8:43 EDT"), as a
    pattern whose groups name the day, month and year (see boilerplate.yaml)."""
    words = load_data("time_words")
    months = "|".join(sorted([*words["months"], *words["month_abbreviations"]], key=len, reverse=True))
    weekdays = "|".join(sorted([*words["weekdays"], *words["weekday_abbreviations"]], key=len, reverse=True))
    zones = "|".join(sorted(data["publication_stamp_zones"], key=len, reverse=True))
    labels = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in data["publication_stamp_labels"])
    day_month = rf"(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?"
    month_day = rf"(?P<month2>{months})\.?\s+(?P<day2>\d{{1,2}}),?"
    clock = r"\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?"
    return re.compile(
        rf"(?<![\w-])(?:(?:{labels})(?:\s+on)?\s*:?\s*)?(?:(?:{weekdays})\.?,?\s+)?(?:{day_month}|{month_day})\s+(?P<year>\d{{4}}),?\s+"
        rf"(?:at\s+)?{clock}\s*(?-i:{zones})(?![\w-])",
        re.IGNORECASE,
    )


def split_at_stamps(line: str) -> list[str]:
    """A line with a publication stamp glued in → the text before it, the stamp, the text after.

    "Headline Standfirst Tuesday 4 May 2010 08.43 BST The minister said …" runs a
    web page's headline, time stamp and first sentence together; read as one
    sentence it would be the article's lead. The stamp is kept as a line of its
    own for `_article_from_part`, which drops it and reads its date; a headline
    and standfirst before it are the title and stay the text's first paragraph
    (the events stage counts the story's lead from the sentence after them).
    """
    pieces: list[str] = []
    position = 0
    for match in _patterns().stamp.finditer(line):
        if _prose_before(line[position : match.start()]):
            continue  # "the blast on 20 April 2010 21.49 CDT": a date the sentence tells
        pieces += [line[position : match.start()].strip(), match.group()]
        position = match.end()
    pieces.append(line[position:].strip())
    return [piece for piece in pieces if piece]


@cache
def _prose_word() -> re.Pattern[str]:
    words = load_data("boilerplate")["publication_stamp_not_after"]
    return re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, words)) + r")\s*$", re.IGNORECASE)


def _prose_before(text: str) -> bool:
    return bool(_prose_word().search(text))


def stamp_date(line: str) -> str | None:
    """The ISO day of a line that is a publication stamp, else None."""
    match = _patterns().stamp.fullmatch(line)
    if not match:
        return None
    words = load_data("time_words")
    names = {**words["months"], **words["month_abbreviations"]}
    month = names[(match["month"] or match["month2"]).lower()]
    try:
        return dt.date(int(match["year"]), month, int(match["day"] or match["day2"])).isoformat()
    except ValueError:
        return None  # "31 February": no day


# A capitalised name of up to four words ("Jane Doe", "Saul Loeb"; after a label, its
# first word may be a particle: "al-Jazeera"), and the slash between credits, written
# "/" or, in text escaped once too often, "\\/".
_CREDIT_NAME = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}"
_LABELLED_CREDIT_NAME = r"[A-Za-z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}"
_CREDIT_SLASH = r"\\?/"


def _picture_credit(data: dict, labelled_only: bool = False) -> str:
    """A picture credit at the start of a line, as a pattern (see boilerplate.yaml);
    `labelled_only`: only one that opens with its capitalised label ("Photograph: ..."),
    as a credit glued inside a line must, to be told from prose."""
    agencies = "|".join(re.escape(a) for a in sorted(data["picture_agencies"], key=len, reverse=True))
    labels = "|".join(re.escape(label) for label in data["picture_credit_labels"])
    if labelled_only:
        labels = "(?-i:" + "|".join(re.escape(label.capitalize()) for label in data["picture_credit_labels"]) + ")"
    agency = rf"(?:{agencies})(?=\s)"
    slashed = rf"(?:{_CREDIT_NAME}{_CREDIT_SLASH})"
    after_label = rf"(?:{_LABELLED_CREDIT_NAME}{_CREDIT_SLASH})"
    labelled = (
        rf"(?:{labels})\s*:\s*(?-i:{after_label}*{agency}|{after_label}+[A-Za-z][\w.'’-]*(?=\s)"
        rf"|{_CREDIT_NAME}\s(?:for|via)\s(?:the\s)?(?:{_CREDIT_NAME}\s)?(?:{agencies})(?=\s))"
    )
    bare = rf"(?-i:{slashed}+{agency})"
    return rf"{labelled}\s+" if labelled_only else rf"(?:{labelled}|{bare})\s+"


def read_articles(folder: Path) -> tuple[list[Article], list[Problem]]:
    """All articles in `folder`, in file-name order, and the files skipped.

    Raises SeedsFolderError when `folder` is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise SeedsFolderError(
            f"{folder} {what}: pass the folder that holds the articles (--seeds DIR)"
        )
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            if path.suffix.lower() in ARTICLE_SUFFIXES or _points_to_folder(path):
                problems.append(Problem(file=str(path), message=_symlink_message(path)))
            continue  # a link is never read, nor a linked folder walked
        if path.suffix.lower() not in ARTICLE_SUFFIXES or path.is_dir():
            continue
        try:
            found, too_long = read_article_file(path)
        except SkippedFile as error:
            problems.append(Problem(file=str(path), message=str(error)))
            continue
        articles.extend(found)
        problems.extend(too_long)
    problems.extend(_make_ids_unique(articles, folder))
    return articles, problems


def _points_to_folder(link: Path) -> bool:
    try:
        return link.is_dir()
    except OSError:  # a link loop
        return False


def _symlink_message(link: Path) -> str:
    try:
        link.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return f"is a symbolic link loop; not followed: remove it ({_NOT_FOLLOWED})"
        return f"is a symbolic link to {os.readlink(link)}, which does not exist; {_NOT_FOLLOWED}"
    kind = "folder" if link.is_dir() else "file"
    return f"is a symbolic link to the {kind} {os.readlink(link)}; not followed: {_NOT_FOLLOWED}"


def _make_ids_unique(articles: list[Article], folder: Path) -> list[Problem]:
    """Give an article whose id another file already has its own, and report it.

    The first file in name order keeps the id; a later one gets the id plus a
    short hash of its own file name, which does not depend on other files.
    """
    owners: dict[str, str] = {}
    problems: list[Problem] = []
    for article in articles:
        if owners.setdefault(article.id, article.file) == article.file:
            continue
        taken, digest = article.id, _name_hash(article.file)
        while f"{taken}-{digest}" in owners:
            digest = _name_hash(digest)
        article.id = f"{taken}-{digest}"
        owners[article.id] = article.file
        problems.append(
            Problem(
                file=str(folder / article.file),
                record=article.id,
                message=f"gives the same article id '{taken}' as {owners[taken]} (file names "
                f"that differ only in extension, case or punctuation give one id), so its "
                f"article is kept under the id '{article.id}'; rename one of the two files "
                "to choose the id",
            )
        )
    return problems


def _name_hash(name: str) -> str:
    # NFC: macOS stores "é" in file names decomposed, Linux usually composed.
    return hashlib.sha1(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:8]


def _article_id_stem(stem: str) -> str:
    """The file name's slug, plus a hash of the name when the slug drops non-Latin letters.

    Without the hash every Cyrillic or Chinese file name would become "x". Latin
    names keep their plain slug ("Zürich" → "zurich"), as ids always were.
    """
    slug = slugify(stem, max_length=80)
    lost = any(
        not ch.isascii() and ch.isalnum() and not unicodedata.name(ch, "").startswith("LATIN")
        for ch in unicodedata.normalize("NFKD", stem)
    )
    return f"{slug}-{_name_hash(stem)}" if lost else slug


def read_article_file(path: Path) -> tuple[list[Article], list[Problem]]:
    """The article parts of one file, and the parts left out as too long.

    Raises SkippedFile when the file cannot be used at all.
    """
    text = normalise_text(decode_article_bytes(_read_regular_file(path)))
    metadata, body = split_front_matter(text)
    if looks_like_html(body):
        body = normalise_text(html_to_text(body))  # character references may add controls
    pictured: set[str] = set()
    parts = split_into_parts(clean_lines(body, pictured))
    if not parts:
        raise SkippedFile("holds no article text (empty or only page furniture)")
    stem_slug = _article_id_stem(path.stem)
    articles, problems = [], []
    for number, part in enumerate(parts, start=1):
        article_id = stem_slug if len(parts) == 1 else f"{stem_slug}-{number}"
        article = _article_from_part(part, article_id, path.name, number, metadata, pictured)
        if len(article.text) > MAX_ARTICLE_CHARS:
            problems.append(
                Problem(
                    file=str(path),
                    record=article_id,
                    message=f"article part {number} has {len(article.text):,} characters, more "
                    f"than the {MAX_ARTICLE_CHARS:,} one article may have; left out — split it "
                    "into articles (a by-line such as 'By Jane Doe' ends an article)",
                )
            )
        else:
            articles.append(article)
    return articles, problems


def _read_regular_file(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file, not a link, FIFO or device.

    The file is opened first and checked through its descriptor, so that it
    cannot be swapped for a link between the check and the read; O_NONBLOCK
    keeps a FIFO from blocking the open.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:  # O_NOFOLLOW met a link
            raise SkippedFile(f"is a symbolic link; not followed: {_NOT_FOLLOWED}") from None
        raise SkippedFile(f"cannot be read ({error.strerror}); check its permissions") from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            kind = "folder" if stat.S_ISDIR(status.st_mode) else "FIFO, socket or device"
            raise SkippedFile(f"is a {kind}, not a regular file; not read: save the article as a text file")
        if status.st_size > MAX_FILE_BYTES:
            raise SkippedFile(
                f"file is {status.st_size / 1e6:.0f} MB, larger than the {MAX_FILE_BYTES / 1e6:.0f} MB "
                "an article may be: split it into articles or remove it from the seeds folder"
            )
        try:
            return file.read(MAX_FILE_BYTES + 1)
        except OSError as error:
            raise SkippedFile(f"cannot be read ({error.strerror}); check its permissions") from None


def normalise_text(text: str) -> str:
    """Text as people read it: one Unicode form (NFC), no invisible or control characters,
    no mojibake (UTF-8 once read as Windows-1252: "Khanâ€™s" is "Khan’s").

    Unicode spaces become a plain space and line-breaking characters a newline;
    tab, newline and carriage return are kept. A slash escaped as JSON escapes it
    ("9\\/11", from an export that escaped it once too often) is a slash.
    """
    text = text.replace("\\/", "/")
    text = _MOJIBAKE.sub(_repair_mojibake, text)
    text = _REMOVED.sub("", text)
    text = _LINE_BREAKS.sub("\n", _SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def _repair_mojibake(match: re.Match[str]) -> str:
    lead, last = (match[1], match[2]) if match[1] else (match[3], match[4])
    # "�" or nothing stands for 0x9d, the byte of "”" that Windows-1252 leaves undefined
    raw = lead.encode("cp1252") + (last.encode("cp1252") if last and last != "\ufffd" else b"\x9d")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match[0]


def decode_article_bytes(raw: bytes) -> str:
    """UTF-8 (with or without BOM, or UTF-16 with BOM), else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    if b"\x00" in raw[:8192]:
        raise SkippedFile("is a binary file, not text; remove it or save the article as UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Windows-1252 is a superset of Latin-1's printable range and is what
    # "ANSI" editors save; its five undefined bytes fall back to Latin-1.
    return raw.decode("cp1252", errors="replace").replace("\ufffd", "")


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


# Values are read as text, so YAML's spellings of "no value" ("title: null") are told apart here.
_YAML_NULLS = frozenset(("null", "Null", "NULL", "~"))


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Optional YAML front matter → (known keys as strings, the rest of the text)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    from generator.store import YamlError, load_yaml_text

    try:
        # Every value is read as text ("2018-02-30" is reported, not a crash), with the
        # data files' bounds: no anchors or aliases, no deep nesting, no huge values.
        data = load_yaml_text(match.group(1))
    except YamlError as error:
        where = f" (front matter line {error.line + 1})" if error.line else ""
        raise SkippedFile(
            f"front matter is not valid YAML{where}: {error.message}; "
            "fix it or remove the lines between the two '---'"
        ) from None
    if not isinstance(data, dict):
        raise SkippedFile("front matter must be a mapping such as 'published: 2018-07-16'")
    metadata = {
        key: str(data[key]).strip()
        for key in FRONT_MATTER_KEYS
        if data.get(key) and str(data[key]).strip() not in _YAML_NULLS
    }
    if "published" in metadata:
        try:
            PartialDate.parse(metadata["published"][:10])
        except ValueError as error:
            raise SkippedFile(f"front matter 'published': {error}") from None
    return metadata, text[match.end() :]


_HTML_SIGNS = re.compile(r"<(html|body|p|div|br|head|article|span)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return len(_HTML_SIGNS.findall(text[:20000])) >= 2


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one block element per line."""

    BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr article section header footer title".split())
    HIDDEN = frozenset("script style noscript template svg head".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.hidden_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in self.HIDDEN:
            self.hidden_depth += 1
        if tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1
        if tag in self.BLOCKS:
            self.chunks.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden_depth:
            self.chunks.append(data)


def html_to_text(page: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(page)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.chunks).splitlines())
    body = "\n".join(line for line in lines if line)
    title = " ".join("".join(extractor.title).split())
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return html.unescape(body) if "&" in body else body


def clean_lines(body: str, pictured: set[str] | None = None) -> list[str]:
    """Paragraphs of the body with page furniture removed.

    Each non-blank line is a paragraph, except in hard-wrapped text (blocks of
    several lines of similar width), whose lines are joined back. `pictured`, if
    given, receives the paragraphs a picture credit follows: a web page puts the
    credit right after the photo's caption ("Troops patrol the port.\nPhotograph:
    Jane Doe/AP The minister said ...").
    """
    patterns = _patterns()
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if _is_hard_wrapped(lines):
            lines = [" ".join(lines)]
        for line in lines:
            if _starts_with_furniture(line):
                if pictured is not None and paragraphs and patterns.picture_credit.match(line):
                    pictured.add(paragraphs[-1])
                line = patterns.strip_prefix.sub("", line, count=1)
            line = patterns.cut_from.sub("", line, count=1).rstrip(" ;,") if patterns.cut_from.search(line) else line
            if not line or patterns.drop.fullmatch(line):
                continue
            for point in patterns.bullet.split(line) if patterns.bullet.search(line) else [line]:
                for segment, credited in split_at_picture_credits(point.strip()):
                    for piece in split_at_stamps(segment) if patterns.stamp.search(segment) else [segment]:
                        paragraphs.extend(split_glued_headline(piece))
                    if credited and pictured is not None:
                        pictured.add(paragraphs[-1])
    return paragraphs


def split_at_picture_credits(line: str) -> list[tuple[str, bool]]:
    """A line with picture credits glued in, as its pieces between them, each marked
    when a credit follows it (the photo's caption).

    "Headline Standfirst Troops patrol the port Photograph: Jane Doe/AP The minister
    said ..." runs a web page's heading, caption, credit and lead together: read as
    one sentence, the caption and credit would open the story's lead ("Jane Doe/AP
    The minister said").
    """
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _patterns().glued_picture_credit.finditer(line):
        before = line[position : match.start()].strip()
        if before:
            pieces.append((before, True))
        position = match.end()
    rest = line[position:].strip()
    return [*pieces, (rest, False)] if rest else pieces


_QUOTE_OPENERS = "\"'“‘`«"


def split_glued_headline(line: str) -> list[str]:
    """A line split after a headline glued to its first sentence ("Storm hits coast
    Storms lashed the coast ..." → "Storm hits coast", "Storms lashed the coast ...");
    the line itself when it opens with no such headline (`glued_headline` in boilerplate.yaml)."""
    spec = _glued_headline_spec()
    words = line.split(" ")
    if _bare(words[0]) in spec.not_before:
        return [line]  # "In recent weeks Lee ...": a sentence's opening phrase, no headline
    split = None
    for k in range(3, min(spec.max_words + 1, len(words) - 3)):
        before, word, head = words[k - 1], words[k], words[:k]
        if any(_bare(w) in spec.not_in_headline or w.endswith(",") or w[:1] in _QUOTE_OPENERS for w in head):
            break  # an article, a pronoun, a verb of a sentence, a comma or a quote: no headline
        if not word[:1].isupper() or not (before.isalpha() and before.islower()) or before in spec.not_before:
            continue
        if knowledge().is_title_word(before):
            continue  # "Norland's prime minister Ann Lee": a name in apposition
        if sum(w.isalpha() and w.islower() for w in head) < 2:
            continue
        told = {_bare(w) for w in head if len(_bare(w)) > 3} - spec.not_before
        sentence = re.split(r"(?<=[.!?])\s", " ".join(words[k:]), maxsplit=1)[0]
        if told & {_bare(w) for w in sentence.split()}:
            split = k  # the last such place: "Lee wins key Oslo vote | Ann Lee won ..."
    return [" ".join(words[:split]), " ".join(words[split:])] if split else [line]


@dataclass(frozen=True)
class _GluedHeadline:
    max_words: int
    not_before: frozenset[str]
    not_in_headline: frozenset[str]


@cache
def _glued_headline_spec() -> _GluedHeadline:
    spec = load_data("boilerplate")["glued_headline"]
    cues = speech_cues()
    said = {form for form in cues.forms if form != cues.verb(form) and not form.endswith(("s", "ing"))}
    return _GluedHeadline(
        int(spec["max_words"]),
        frozenset(str(w).lower() for w in spec["not_before"]),
        frozenset(str(w).lower() for w in spec["not_in_headline"]) | said,
    )


def _bare(word: str) -> str:
    return word.lower().strip(".,;:!?'\"’‘“”()")


def _starts_with_furniture(line: str) -> bool:
    match = _patterns().strip_prefix.match(line)
    return bool(match and match.end() > 0)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines cut at a fixed width: similar lengths, most not ending a sentence."""
    if len(lines) < 3:
        return False
    inner = lines[:-1]
    widest = max(len(line) for line in inner)
    even = sum(len(line) >= 0.7 * widest for line in inner) >= 0.8 * len(inner)
    open_ended = sum(not re.search(r"[.!?:'\"’”]$", line) for line in inner) > 0.5 * len(inner)
    return 50 <= widest <= 100 and even and open_ended


@dataclass
class _Part:
    lines: list[str]
    credit: str | None = None


def split_into_parts(paragraphs: list[str]) -> list[_Part]:
    """Split at credit lines (by-lines, agency credits) that close an article; a by-line
    between a headline (and its standfirst) and the story's first paragraph is that
    story's own ("Minister quits | By Ann Lee, Associated Press | OSLO (AP) — ...")."""
    credit = _patterns().credit
    parts: list[_Part] = []
    current: list[str] = []
    top_credit: str | None = None
    for index, line in enumerate(paragraphs):
        if len(line) <= 120 and credit.fullmatch(line):
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if top_credit is None and _opens_story(current, following):
                top_credit = line
            elif current:
                parts.append(_Part(current, credit=top_credit or line))
                current, top_credit = [], None
            elif parts and parts[-1].credit is None:
                parts[-1].credit = line
            continue
        current.append(line)
    if current:
        parts.append(_Part(current, credit=top_credit))
    return parts


def _opens_story(before: list[str], following: str | None) -> bool:
    """A by-line after no more than a headline and a standfirst, with a paragraph of
    prose next (not another headline: then it closed a story of a digest)."""
    return 0 < len(before) <= 2 and _is_headline(before[0]) and following is not None and not _is_headline(
        following
    )


def _is_headline(line: str) -> bool:
    return len(line) <= MAX_HEADLINE_CHARS and not re.search(r"[.:;,]['\"’”)]?$", line)


def _article_from_part(
    part: _Part, article_id: str, file_name: str, number: int, metadata: dict[str, str],
    pictured: AbstractSet[str] = frozenset(),
) -> Article:
    lines = list(part.lines)
    stamp = _patterns().stamp
    stamps = [line for line in lines if stamp.fullmatch(line)]
    # "Headline Standfirst <stamp> Body": the headline and standfirst are the page's
    # title, and its summary of the news, so they stay the text's first paragraph.
    stamped_head = len(lines) > 1 and bool(stamp.fullmatch(lines[1])) and not stamp.fullmatch(lines[0])
    if stamps:  # a stamp is not text; its date is the publication's (below)
        lines = [line for line in lines if not stamp.fullmatch(line)]
    stamped = next(((day, line) for line in stamps if (day := stamp_date(line))), None)
    title = ""
    if stamped_head and _is_headline(lines[0]):
        title = lines[0]
    elif lines and _is_headline(lines[0]):
        title = lines.pop(0)
        while lines and lines[0] == title:  # a headline repeated as the first line
            lines.pop(0)
    caption_pattern = _patterns().caption
    captions = [line for line in lines[:3] if caption_pattern.fullmatch(line) or line in pictured]
    body = [line for line in lines if line not in captions]
    published, basis = metadata.get("published"), "front matter" if metadata.get("published") else None
    if not published and stamped:
        published, basis = stamped[0], f'publication stamp "{stamped[1]}"'
    if metadata.get("title") and number == 1:
        title = metadata["title"]
    if not title:
        words = " ".join(body[:1]).split()
        title = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return Article(
        id=article_id,
        file=file_name,
        part=number,
        title=title,
        text="\n\n".join(body),
        published=published,
        published_basis=basis,
        publisher=metadata.get("publisher") or _publisher_from_credit(part.credit),
        url=metadata.get("url"),
        captions=captions,
        byline=part.credit,
    )


_PUBLISHER_IN_CREDIT = re.compile(r"\b(?:for|from)\s+(.+?)\s*$|^(.+?)\s+with inputs from\b")


def _publisher_from_credit(credit: str | None) -> str | None:
    if not credit:
        return None
    match = _PUBLISHER_IN_CREDIT.search(credit)
    return (match.group(1) or match.group(2)).strip() if match else None
