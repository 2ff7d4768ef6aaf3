"""Issue 9's reproductions, each pinned: exit code 2 (or 1 for a checked file) and a line naming the field."""

from __future__ import annotations

import contextlib
import io

import pytest

from explainer import Feature, Scenario, ScenarioError, default_scenario, explain
from explainer.cli import main, terminal_text
from explainer.scenario.builder import Dropped, build, build_changes


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "extra",
    [
        ["--lr", "1e-310"],
        ["--lr", "5e-324"],
        ["--loss", "sse", "--lr", "1e-310"],
        ["--lr", "5e-324", "--optimizer", "momentum"],
        ["--lr", "5e-324", "--optimizer", "adam"],
        ["--lr", "5e-324", "--json"],
        ["--feature", "b=0:1", "--correlation", "0.5", "--lr", "1e-305"],
    ],
)
def test_learning_rates_that_underflow_are_usage_errors_naming_lr(extra):
    code, out, err = run("explain", "--feature", "a=0:1", *extra)
    assert (code, out) == (2, "")
    assert err.startswith("error: --lr: must be a positive number from 1e-300")


def test_a_correlation_too_close_to_one_is_named():
    code, _, err = run("explain", "--feature", "a=0:1", "--feature", "b=0:1", "--correlation", "0.9999999999")
    assert code == 2 and "--correlation: must be between" in err


def test_the_smallest_accepted_learning_rate_is_computed_and_printed():
    code, out, _ = run(
        "explain", "--feature", "a=0:1", "--feature", "b=1:1000", "--lr", "1e-300", "--optimizer", "adam"
    )
    assert code == 0 and "η used = 1 × 10⁻³⁰⁰" in out


def test_a_range_near_zero_is_refused_for_what_it_is_not_as_a_duplicated_column():
    code, _, err = run("explain", "--feature", "a=1e-300:1e-299")
    assert code == 2 and "features[0]: the range 1e-300..1e-299 is too narrow" in err
    assert "duplicated" not in err


def test_a_4000_digit_number_is_cut_in_the_message():
    code, _, err = run("explain", "--feature", "a=0:" + "9" * 4000)
    assert code == 2 and len(err) < 300


def test_csv_with_carriage_returns_only_is_read(tmp_path):
    (tmp_path / "cr.csv").write_bytes(b"a,b\r1,2\r3,5\r4,4\r6,1\r")
    code, out, _ = run("explain", "--csv", str(tmp_path / "cr.csv"), "--json")
    assert code == 0 and '"raw"' in out


def test_csv_with_a_field_over_131072_characters_is_a_usage_error(tmp_path):
    (tmp_path / "big.csv").write_bytes(b"a,b\n" + b"1" * 140_000 + b",2\n3,4\n5,6\n7,1\n")
    code, _, err = run("explain", "--csv", str(tmp_path / "big.csv"))
    assert code == 2 and "--csv: big.csv line 2: longer than" in err


def test_a_folder_is_not_reported_as_a_missing_file(tmp_path):
    code, _, err = run("explain", "--csv", str(tmp_path))
    assert code == 2 and "is a folder" in err and "no such file" not in err
    code, out, _ = run("validate", str(tmp_path))
    assert code == 1 and "no such file" not in out


def test_a_bad_target_does_not_add_a_spurious_missing_feature_problem(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('data = { columns = { x = [1, 2, 3, 4], y = [1, 2, 3, 5] }, target = "zz" }\n')
    code, out, _ = run("validate", str(path))
    assert code == 1 and "data.target" in out and "at least one feature" not in out


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ('features = [{ name = "a", low = 0, high = 1' + "0" * 400 + " }]\n", "features[0].high"),
        ('features = [{ name = "a", low = 0, high = 1 }]\nlearning_rate = ' + "1" * 400 + "\n", "learning_rate"),
        (
            "data = { columns = { x = [1, 2, 3, " + "1" * 400 + '], y = [1, 2, 3, 4] }, target = "y" }\n',
            "data.columns.x",
        ),
        ('features = [{ name = "a", low = 0, high = 1 }]\nlearning_rate = 1e-320\n', "learning_rate"),
        ('data = { csv = "ok\\u0000.csv" }\n', "data.csv"),
        ('title = "a\\u001b[31mred"\nfeatures = [{ name = "a", low = 0, high = 1 }]\n', "title"),
        ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
        ("x = " + "{a=" * 100_000 + "1" + "}" * 100_000 + "\n", "nested too deeply"),
    ],
)
def test_toml_files_that_crashed_are_invalid_and_validate_and_run_agree(tmp_path, body, path):
    file = tmp_path / "s.toml"
    file.write_text(body)
    code, out, _ = run("validate", str(file))
    assert code == 1 and path in out and len(out) < 2000
    code, out, err = run("run", str(file))
    assert code == 2 and out == "" and path in err


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "http://exa mple.org", "http://x:99999", "http://<script>/", "http://e.org/\x1b[2J"]
)
def test_base_url_must_be_an_http_address(url):
    code, _, err = run("link", "gallery:four-points", "--base-url", url)
    assert code == 2 and err.startswith("error: --base-url:") and "\x1b" not in err


def test_terminal_output_carries_no_escape_sequences():
    assert terminal_text("a\x1b[31mred\x1b[0m \x1b]0;pwned\x07ok\u202e!\n") == "ared ok!\n"


def test_a_narrative_with_escapes_is_printed_without_them(tmp_path):
    file = tmp_path / "s.toml"
    file.write_text('description = "hi \\u001b]0;pwned\\u0007 there"\nfeatures = [{ name = "a", low = 0, high = 1 }]\n')
    code, out, _ = run("run", str(file), "--quiet")
    assert code == 0 and "\x1b" not in out and "\x07" not in out


def test_the_lenient_builder_applies_what_validates_and_names_what_it_dropped():
    scenario, dropped = build_changes(default_scenario(), learning_rate=1e-320, tolerance=0.8, normalization="minmax")
    assert (scenario.learning_rate, scenario.tolerance, scenario.normalization) == ("auto", 0.8, "minmax")
    assert [item.path for item in dropped] == ["learning_rate"] and isinstance(dropped[0], Dropped)


def test_the_lenient_builder_leaves_out_one_bad_feature_and_keeps_the_rest():
    features = (Feature("a", 0, 1), Feature("b", 5, 1), Feature("c", 1, 1000))
    scenario, dropped = build({"features": features, "correlation": 0.3})
    assert scenario.feature_names == ("a", "c") and scenario.correlation == 0.3
    assert dropped[0].path == "features[1].high" and "left out" in dropped[0].reason


def test_the_strict_with_changes_still_raises():
    with pytest.raises(ScenarioError, match="learning_rate"):
        default_scenario().with_changes(learning_rate=1e-320)


def test_the_largest_learning_rate_with_momentum_diverges_quietly():
    scenario = Scenario.from_ranges({"a": (0, 1)}, learning_rate=1e12, max_steps=1, normalization="none")
    assert explain(scenario.with_changes(optimizer=scenario.optimizer.__class__("momentum"))).raw.diverged


def test_a_refused_dataset_or_model_value_is_echoed_short_and_alone():
    from explainer.formats.schema import scenario_from_dict

    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict({"dataset": "x" * 5000})
    assert str(refused.value).startswith("dataset: must be one of") and len(str(refused.value)) < 200
    assert "at least one feature" not in str(refused.value)
    with pytest.raises(ScenarioError) as refused:
        scenario_from_dict({"dataset": "wine", "model": {"name": "logistic_regression", "pca_components": 10**400}})
    assert "(got a 401-digit number)" in str(refused.value)
