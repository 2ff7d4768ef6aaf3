"""Fuzzing `explainer` on the command line, in-process: exit 0, 1 or 2, one plain line for a mistake, no traceback."""

from __future__ import annotations

import contextlib
import io

from hypothesis import given
from hypothesis import strategies as st

from explainer.cli import main
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import choices, names, number_texts

OPTIONS = {
    "--lr": number_texts,
    "--tolerance": number_texts,
    "--momentum": number_texts,
    "--correlation": number_texts,
    "--samples": number_texts,
    "--seed": number_texts,
    "--steps": number_texts,
    "--optimizer": choices,
    "--normalize": choices,
    "--loss": choices,
}
features = st.builds(
    lambda name, low, high, tail: f"{name}={low}:{high}{tail}",
    names.filter(lambda text: "=" not in text),
    number_texts,
    number_texts,
    st.sampled_from(["", ":uniform", ":normal", ":lognormal", ":cauchy"]),
)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_declared_outcome(code: int, out: str, err: str) -> None:
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and "\x1b" not in out + err
    if code == 2:
        assert err.startswith("error: ") and err.count("\n") == 1, err
        assert ": " in err[len("error: ") :], err  # names the option or field before the reason


@FUZZ
@given(
    st.lists(features, min_size=1, max_size=3),
    st.dictionaries(st.sampled_from(list(OPTIONS)), st.just(None), max_size=4).flatmap(
        lambda keys: st.fixed_dictionaries({key: OPTIONS[key] for key in keys})
    ),
    st.booleans(),
)
def test_explain_with_any_options_answers_or_says_which_option_is_wrong(feature_texts, options, as_json):
    argv = ["explain"]
    for text in feature_texts:
        argv += ["--feature", text]
    for option, value in options.items():
        argv.append(f"{option}={value}")  # `=` so a value starting with "-" stays a value
    if as_json:
        argv.append("--json")
    assert_declared_outcome(*run(argv))


@FUZZ
@given(st.sampled_from(["validate", "run", "link"]), st.text(max_size=60), st.one_of(st.none(), st.text(max_size=40)))
def test_file_commands_with_any_arguments(command, reference, base_url):
    argv = [command, reference or "missing.toml"]
    if base_url is not None:
        argv.append(f"--base-url={base_url}")
    elif command == "link":
        argv.append("--base-url=http://localhost:8501")
    assert_declared_outcome(*run(argv))
