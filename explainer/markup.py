"""The Markdown and LaTeX our texts use, as safe, self-contained HTML for reports.

Markdown goes through markdown-it-py (CommonMark, tables) with raw HTML switched off, so any
`<tag>` a text contains is shown as text; links keep only http(s), mailto and in-page targets,
and images become their description (a report loads nothing from the network). LaTeX becomes
MathML (latex2mathml), which browsers draw natively: no script, no fonts to fetch.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element, tostring

from latex2mathml.converter import convert_to_element
from markdown_it import MarkdownIt

_SAFE_URL = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)


def _markdown() -> MarkdownIt:
    renderer = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    renderer.validateLink = lambda url: bool(_SAFE_URL.match(url.strip()))

    def image(self, tokens, index, options, env) -> str:  # markdown-it calls rules with these arguments
        description = tokens[index].content
        return html.escape(f"[image: {description}]") if description else ""

    renderer.add_render_rule("image", image)
    return renderer


_MARKDOWN = _markdown()


def to_html(markdown: str) -> str:
    """A Markdown document as HTML blocks."""
    return _MARKDOWN.render(markdown).strip()


def inline(text: str) -> str:
    """One line or paragraph of Markdown as HTML, without the surrounding <p>."""
    return _MARKDOWN.renderInline(text)


def _clean(element: Element) -> None:
    """latex2mathml leaves symbols as entity text ("&#x003BA;") and user text unescaped; make both plain
    characters, so serialising escapes every <, > and & once."""
    for node in element.iter():
        if node.text:
            node.text = html.unescape(node.text)
        if node.tail:
            node.tail = html.unescape(node.tail)


def math_html(latex: str, display: bool = True) -> str:
    """A formula as MathML, with its LaTeX kept as the title; the LaTeX as text if it cannot be converted."""
    try:
        element = convert_to_element(latex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many types; the source text is the fallback
        return f'<pre class="latex">{html.escape(latex)}</pre>'
    _clean(element)
    element.set("title", latex)
    element.set("class", "formula")
    return tostring(element, encoding="unicode")


_MARKDOWN_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^)\n]*)\)")
_REFERENCE = re.compile(r"^(\s{0,3})\[([^\]\n]+)\]:", re.MULTILINE)


def safe_markdown(text: str) -> str:
    """Authored Markdown (a lesson's narrative) made safe to put in a Markdown file another tool renders:
    formatting stays, raw HTML and autolinks show as text, and links that are not http(s), mailto or
    in-page lose their target."""
    text = text.replace("<", "\\<")

    def link(match: re.Match[str]) -> str:
        bang, label, target = match[1], match[2], match[3]
        if not bang and _SAFE_URL.match(target.strip()):
            return match[0]
        return f"{bang}\\[{label}\\]\\({target}\\)"

    text = _MARKDOWN_LINK.sub(link, text)
    return _REFERENCE.sub(lambda match: f"{match[1]}\\[{match[2]}\\]:", text)


def markdown_url(url: str) -> str | None:
    """A URL as a Markdown link target, or None unless it is http(s): nothing in it can end the link early."""
    if not re.match(r"^https?://[^\s]+$", url, re.IGNORECASE):
        return None
    return re.sub(r"[()<>\[\]\\\s\"'`]", lambda match: f"%{ord(match[0]):02X}", url)
