"""The Markdown and LaTeX our texts use, as safe, self-contained HTML for reports.

Markdown goes through markdown-it-py (CommonMark, tables) with raw HTML switched off, so any
`<tag>` a text contains is shown as text; links keep only http(s), mailto and in-page targets,
and images become their description (a report loads nothing from the network). LaTeX becomes
MathML (latex2mathml), which browsers draw natively: no script, no fonts to fetch.
"""

from __future__ import annotations

import html
from xml.etree.ElementTree import Element, tostring

from latex2mathml.converter import convert_to_element
from markdown_it import MarkdownIt

from explainer.text import patterns
from explainer.text.formatting import WORD_JOINER

_SAFE_URL = patterns.compile(r"(?i)^(https?://|mailto:|#)")


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
    """A formula as MathML, with its LaTeX as its text alternative (`alttext`, read by screen readers that
    cannot speak MathML) and title; the LaTeX as text if it cannot be converted."""
    try:
        element = convert_to_element(latex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises many types; the source text is the fallback
        return f'<pre class="latex">{html.escape(latex)}</pre>'
    _clean(element)
    element.set("title", latex)
    element.set("alttext", latex)
    element.set("class", "formula")
    return tostring(element, encoding="unicode")


# Linear-time patterns (RE2): authored text is untrusted, so nothing here may backtrack.
_AUTHORED_TOKEN = patterns.compile(
    r"\\(?s:.)"  # an escaped character stays as written: "\[" must not become "\\[" (a live bracket)
    r"|(!?)\[([^\[\]\n]*)\]\(([^()\n]*)\)"  # an inline link (kept when its target is http(s)), or an image
    r"|(?i:www)\.|://|[\[\]<$@]"  # anything else that could start a link, image, HTML, maths or autolink
)
_SAFE_TARGET = patterns.compile(r"(?i)^(https?://|#)")
_HTTP_URL = patterns.compile(r"(?i)^https?://[^\x00-\x20\x7f-\x9f\s]+$")
_URL_UNSAFE = patterns.compile(r"[()<>\[\]\\\s\"'`]")


def safe_markdown(text: str, links: bool = True) -> str:
    """Authored Markdown (a lesson's description or narrative) made safe to render: emphasis, lists and code
    stay; raw HTML, images, maths, autolinks and reference-style links or definitions (anywhere: in quotes,
    lists, tables) show as text. With `links`, an inline link to http(s) or an in-page anchor keeps its
    target (a report's author may link their course page); without, every link is text.

    One pass of one linear-time pattern: every "[" and "]" outside a kept link is escaped, so no
    reference definition or reference-style image can form, whatever block it sits in.
    """

    def token(match) -> str:
        whole = match[0]
        if whole.startswith("\\"):
            return whole
        if match[3] is not None:  # label and target hold no link of their own: one level of recursion
            bang, label, target = match[1], _AUTHORED_TOKEN.sub(token, match[2]), match[3]
            if links and not bang and _SAFE_TARGET.match(target.strip()):
                return f"[{label}]({target})"
            escaped_bang = "\\!" if bang else ""
            return f"{escaped_bang}\\[{label}\\]\\({_AUTHORED_TOKEN.sub(token, target)}\\)"
        if whole == "://":  # Streamlit links bare addresses even past an escape: a word joiner stops it
            return ":" + WORD_JOINER + "//"
        if whole.lower() == "www.":
            return whole[:3] + WORD_JOINER + "\\."
        if whole == "@":
            return "@" + WORD_JOINER
        return "\\" + whole

    return _AUTHORED_TOKEN.sub(token, text)


def markdown_url(url: str) -> str | None:
    """A URL as a Markdown link target, or None unless it is http(s): nothing in it can end the link early."""
    if not _HTTP_URL.match(url):
        return None
    return _URL_UNSAFE.sub(lambda match: f"%{ord(match[0]):02X}", url)
