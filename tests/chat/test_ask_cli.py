"""`explainer ask`: one question or a file of them, text or one JSON object per line; the README's examples."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from explainer.cli import main
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def run(arguments: list[str], capsys) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_one_question_prints_topic_answer_follow_ups_and_the_explore_link(capsys):
    code, out, _ = run(["ask", "My features go from 0 to 1 and 1 to 1000, why normalize?"], capsys)
    assert code == 0
    assert out.startswith(
        "Q: My features go from 0 to 1 and 1 to 1000, why normalize?\nTopic: why_normalize (confidence"
    )
    assert "condition number κ" in out and "**" not in out  # Markdown emphasis is stripped for the terminal
    assert "Ask next:\n  - " in out
    assert "Explore: /?page=Explore&f=x1,0,1,uniform&f=x2,1,1000,uniform" in out


def test_json_gives_one_object_per_question_with_the_fields_instructors_check(capsys):
    code, out, _ = run(["ask", "--json", "why normalize 0-1 and 1-1000 with lr 0.01 and Adam?", "thanks"], capsys)
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert {"topic", "confidence", "ranges", "lr", "optimizer", "answer_markdown", "follow_ups"} <= set(first)
    assert first["ranges"] == [[0, 1], [1, 1000]] and first["lr"] == 0.01 and first["optimizer"] == "adam"
    assert second["topic"] == "off_topic" and second["ranges"] is None and second["lr"] is None
    assert 2 <= len(first["follow_ups"]) <= 3


def test_a_file_holds_one_question_per_line(tmp_path, capsys):
    faq = tmp_path / "faq.txt"
    faq.write_text("Why normalize?\n\nDo random forests need scaling?\nShould I scale the target?\n", encoding="utf-8")
    code, out, _ = run(["ask", "--file", str(faq), "--json"], capsys)
    topics = [json.loads(line)["topic"] for line in out.strip().splitlines()]
    assert code == 0 and topics == ["why_normalize", "tree_models", "target_scaling"]


def test_thread_makes_later_questions_follow_ups(capsys):
    arguments = ["ask", "--json", "--thread", "features 0 to 1 and 1 to 1000, why normalize?", "what about Adam?"]
    _, out, _ = run(arguments, capsys)
    second = json.loads(out.strip().splitlines()[1])
    assert second["topic"] == "adaptive_optimizers"
    assert second["explore_params"]["opt"] == "adam" and second["explore_params"]["f"][1] == "x2,1,1000,uniform"


def test_without_thread_questions_are_independent(capsys):
    _, out, _ = run(["ask", "--json", "features 0 to 1 and 1 to 1000", "what about Adam?"], capsys)
    second = json.loads(out.strip().splitlines()[1])
    assert second["explore_params"]["f"] == ["a,0,1,uniform", "b,1,1000,uniform"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["ask"], "error: give at least one QUESTION, or --file FILE"),
        (["ask", "--file", "/no/such/faq.txt"], "error: --file: no such file: /no/such/faq.txt"),
    ],
)
def test_usage_errors_print_one_line_and_exit_2(arguments, message, capsys):
    code, out, err = run(arguments, capsys)
    assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1


def test_help_shows_an_example(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["ask", "--help"])
    assert stopped.value.code == 0
    assert 'explainer ask "Why does normalizing speed up learning?"' in capsys.readouterr().out


def readme_ask_commands() -> list[list[str]]:
    section = re.search(r"^## Ask: the chat\n(.*?)(?=^## |\Z)", README, re.DOTALL | re.MULTILINE)
    assert section, "README has no '## Ask: the chat' section"
    commands = []
    for code in re.findall(r"```bash\n(.*?)```", section.group(1), re.DOTALL):
        commands += [shlex.split(line)[1:] for line in code.splitlines() if line.startswith("explainer ask")]
    return commands


@pytest.mark.parametrize("arguments", readme_ask_commands(), ids=" ".join)
def test_the_readme_ask_examples_run(arguments, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "faq.txt").write_text("Why normalize?\nDo trees need scaling?\n", encoding="utf-8")
    arguments = [argument for argument in arguments if argument not in (">", "answers.jsonl")]
    code, out, _ = run(arguments, capsys)
    assert code == 0 and out


def test_json_keeps_every_alternative_and_adds_entities_did_you_mean_and_second_ask(capsys):
    from explainer.chat import TOPICS

    _, out, _ = run(["ask", "--json", "Why does normalizing the inputs speed up learning?"], capsys)
    data = json.loads(out)
    assert sorted(item["topic"] for item in data["alternatives"]) == sorted(TOPICS)
    probabilities = [item["confidence"] for item in data["alternatives"]]
    assert probabilities == sorted(probabilities, reverse=True)
    assert {"entities", "did_you_mean", "second_ask"} <= set(data)
    assert isinstance(data["entities"], dict) and isinstance(data["did_you_mean"], list)


def test_a_line_that_cannot_be_answered_does_not_stop_the_others(tmp_path, capsys, monkeypatch):
    import explainer.chat

    real = explainer.chat.answer

    def flaky(question, conversation=None, topic=None):
        if "boom" in question:
            raise RuntimeError("something broke")
        return real(question, conversation, topic)

    monkeypatch.setattr(explainer.chat, "answer", flaky)
    faq = tmp_path / "faq.txt"
    faq.write_text("Why normalize?\nboom\nfeatures from 1e-300 to 1e-299\nDo random forests need scaling?\n", "utf-8")
    code, out, err = run(["ask", "--file", str(faq), "--json"], capsys)
    lines = [json.loads(line) for line in out.strip().splitlines()]
    assert code == 1
    assert [line.get("topic") for line in lines][::3] == ["why_normalize", "tree_models"]
    assert lines[1] == {"question": "boom", "error": "RuntimeError: something broke"}
    assert lines[2]["route"] == "unsolvable" and lines[2]["answer_markdown"].startswith("I cannot solve")
    assert err == "explainer ask: question 2: could not answer (RuntimeError: something broke)\n"


def test_a_file_of_more_than_1000_questions_is_capped_with_a_message(tmp_path, capsys, monkeypatch):
    import explainer.chat

    monkeypatch.setattr(explainer.chat, "answer", lambda question, conversation=None, topic=None: _Stub(question))
    faq = tmp_path / "faq.txt"
    faq.write_text("".join(f"question {index}?\n" for index in range(1500)), encoding="utf-8")
    code, out, err = run(["ask", "--file", str(faq), "--json"], capsys)
    assert code == 0 and len(out.strip().splitlines()) == 1000
    assert err.startswith("explainer ask: 1,500 questions given; answering the first 1,000")


class _Stub:
    """An answer that costs nothing, for counting lines."""

    def __init__(self, question: str) -> None:
        self.question = question
        self.conversation = None

    def to_dict(self) -> dict:
        return {"question": self.question}
