"""`explainer ask`: the chat's answers on the command line, one question or a whole FAQ file."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any
from urllib.parse import urlencode

from explainer.text.formatting import json_ready

MAX_QUESTIONS = 1000  # per run; a longer file is answered in part, with a message on stderr
MAX_FILE_BYTES = 10_000_000  # a --file of questions (1,000 questions of 10,000 bytes)

EXAMPLE = """examples:
  explainer ask "Why does normalizing speed up learning?"
  explainer ask "My features go from 0 to 1 and 1 to 1000, lr 0.01" "what about Adam?" --thread
  explainer ask --file faq.txt --json > answers.jsonl
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ask",
        help="ask the chat a question about normalization (offline, computed answers)",
        description="Answer questions the way the app's Ask page does: the topic, a confidence, and an answer"
        " computed for the feature ranges, learning rate and optimizer the question mentions.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("questions", nargs="*", metavar="QUESTION", help="one or more questions")
    parser.add_argument(
        "--file",
        metavar="FILE",
        help=f'read questions from FILE, one per line ("-" for stdin; at most {MAX_QUESTIONS:,})',
    )
    parser.add_argument(
        "--thread",
        action="store_true",
        help="treat the questions as one conversation, so follow-ups reuse the scenario (default: independent)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object per question, one per line")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from explainer.chat import Conversation, answer
    from explainer.cli import UsageError

    questions = list(args.questions) + (_read_questions(args.file, UsageError) if args.file else [])
    if not questions:
        raise UsageError('give at least one QUESTION, or --file FILE (e.g. explainer ask "why normalize?")')
    if len(questions) > MAX_QUESTIONS:
        print(
            f"explainer ask: {len(questions):,} questions given; answering the first {MAX_QUESTIONS:,} (at most"
            f" {MAX_QUESTIONS:,} per run; split the file to ask the rest)",
            file=sys.stderr,
        )
        questions = questions[:MAX_QUESTIONS]
    conversation = Conversation()
    failed = 0
    for index, question in enumerate(questions):
        try:
            result = answer(question, conversation if args.thread else None)
        except Exception as error:  # one bad line must not cost the others their answers
            failed += 1
            reason = f"{type(error).__name__}: {error}".splitlines()[0][:300]
            print(f"explainer ask: question {index + 1}: could not answer ({reason})", file=sys.stderr)
            if args.json:
                print(json.dumps({"question": question, "error": reason}, ensure_ascii=False))
            continue
        if result.conversation is not None:
            conversation = result.conversation
        if args.json:
            print(json.dumps(json_ready(result.to_dict()), ensure_ascii=False))
        else:
            if index:
                print("\n" + "─" * 72 + "\n")
            print(render_text(result))
    return 1 if failed else 0


def _read_questions(path: str, usage_error: type[Exception]) -> list[str]:
    from explainer.formats.files import UnreadableFileError, read_bounded

    try:  # a regular file only (a FIFO would hang), read up to a bound
        text = sys.stdin.read() if path == "-" else read_bounded(path, MAX_FILE_BYTES).decode("utf-8-sig")
    except UnreadableFileError as error:
        raise usage_error(f"--file: {error.reason}") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else "not UTF-8 text"
        raise usage_error(f"--file: cannot read {path!r} ({reason})") from None
    return [line.strip() for line in text.splitlines() if line.strip()]


def render_text(result: Any) -> str:
    """An answer for a terminal: the question, topic and confidence, the answer, the follow-ups, the link."""
    from explainer.cli.explain import plain_text

    question = result.question if len(result.question) <= 300 else result.question[:297] + "…"
    lines = [f"Q: {question}", f"Topic: {result.topic} (confidence {result.confidence:.2f}, {result.route})", ""]
    named = result.entity_labels()
    if named:
        lines.insert(2, "Recognised: " + ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in named.items()))
    lines.append(plain_text(result.markdown))
    for measured in result.measured_live:
        lines += ["", f"Measured live on this machine (varies from run to run): {measured}"]
    if result.did_you_mean:
        lines += ["", "Did you mean:"] + [f"  - {question} ({topic})" for topic, question in result.did_you_mean]
    if result.follow_ups:
        lines += ["", "Ask next:"] + [f"  - {follow_up}" for follow_up in result.follow_ups]
    if result.explore_params is not None:
        lines += ["", f"Explore: /?page=Explore&{urlencode(result.explore_params, doseq=True, safe=',:;')}"]
    return "\n".join(lines)
