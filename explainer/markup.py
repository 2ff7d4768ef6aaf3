"""The Markdown our texts use, as safe HTML for reports: no raw HTML, no scripts, no remote images.

Covers what the engine and lesson narratives write: paragraphs, `#` headings, `-`/`1.` lists,
block quotes, fenced code, **bold**, *italic*, `code`, [links](https://…) and backslash
escapes. Everything else is shown as text. Every character of the input is HTML-escaped
before any tag is added, so text can never become markup.
"""

from __future__ import annotations

import html
import re

_ESCAPABLE = r"\\`*_{}\[\]()#+\-.!|<>~$&:"
_ESCAPED = re.compile(rf"\\([{_ESCAPABLE}])")
_TOKEN = re.compile("\ue000(\\d+)\ue001")  # private-use marks: a placeholder for an escaped character
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
_SAFE_URL = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def inline(text: str) -> str:
    """One line or paragraph of Markdown as HTML."""
    parts = re.split(r"(`+)(.+?)\1", text)
    out = []
    for index in range(0, len(parts), 3):
        out.append(_inline_text(parts[index]))
        if index + 2 < len(parts):
            out.append(f"<code>{html.escape(parts[index + 2].strip())}</code>")
    return "".join(out)


def _inline_text(text: str) -> str:
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match[1])
        return f"\ue000{len(escaped) - 1}\ue001"

    text = html.escape(_ESCAPED.sub(hide, text), quote=True)

    def link(match: re.Match[str]) -> str:
        image, label, url = match[1], match[2], html.unescape(match[3])
        if image:  # a report stays self-contained: an image becomes its description
            return f"[image: {label}]" if label else ""
        if not _SAFE_URL.match(url):
            return match[0]
        return f'<a href="{html.escape(url, quote=True)}">{label}</a>'

    text = _LINK.sub(link, text)
    text = _BOLD.sub(lambda m: f"<strong>{m[1] or m[2]}</strong>", text)
    text = _ITALIC.sub(lambda m: f"<em>{m[1] or m[2]}</em>", text)
    return _TOKEN.sub(lambda m: html.escape(escaped[int(m[1])]), text)


def to_html(markdown: str) -> str:
    """A Markdown document as HTML blocks."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[tuple[str, list[str]]] = []  # (list tag, lines of the item)
    quote: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(f"<p>{inline(' '.join(line.strip() for line in paragraph))}</p>")
            paragraph.clear()
        if items:
            tag = items[0][0]
            body = "".join(f"<li>{inline(' '.join(part.strip() for part in item))}</li>" for _, item in items)
            blocks.append(f"<{tag}>{body}</{tag}>")
            items.clear()
        if quote:
            blocks.append(f"<blockquote>{to_html(chr(10).join(quote))}</blockquote>")
            quote.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith("```"):
                end += 1
            blocks.append(f"<pre><code>{html.escape(chr(10).join(lines[index + 1 : end]))}</code></pre>")
            index = end + 1
            continue
        if not stripped:
            flush()
        elif stripped.startswith(">"):
            if paragraph or items:
                flush()
            quote.append(stripped[1:].removeprefix(" "))
        elif heading := _HEADING.match(stripped):
            flush()
            level = len(heading[1])
            blocks.append(f"<h{level}>{inline(heading[2])}</h{level}>")
        elif item := _LIST_ITEM.match(line):
            if paragraph or quote:
                flush()
            tag = "ol" if item[2][0].isdigit() else "ul"
            if items and items[0][0] != tag:
                flush()
            items.append((tag, [item[3]]))
        elif items and (line.startswith((" ", "\t")) or not paragraph):
            items[-1][1].append(stripped)
        else:
            if quote:
                flush()
            paragraph.append(stripped)
        index += 1
    flush()
    return "\n".join(blocks)
