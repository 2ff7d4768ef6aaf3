"""Numbers as a learner reads them: right at every double, from subnormals to the largest."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from explainer.text.formatting import contraction, count, counted, fraction, latex_number, number, plain, wall_time

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SCIENTIFIC = re.compile(r"^(-?\d(?:\.\d+)?) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$")


def read_back(text: str) -> Decimal:
    """What a reader takes the text to mean (as a Decimal: 1.8 × 10³⁰⁸ is past a double's range)."""
    match = _SCIENTIFIC.match(text)
    if match:
        return Decimal(f"{match[1]}e{match[2].translate(_SUPERSCRIPTS)}")
    return Decimal(text.replace(",", ""))


@given(st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True))
@example(1e-320)
@example(5e-324)
@example(-5e-324)
@example(1e-323)
@example(2.2250738585072014e-308)
@example(1.7976931348623157e308)
@example(9.9999e4)
@example(9.9996e-4)
def test_every_finite_double_reads_back_as_itself_to_three_digits(value):
    text = number(value)
    match = _SCIENTIFIC.match(text)
    if match:  # one digit before the point: "1 × 10⁻³²⁰", never "10.02 × 10⁻³²¹"
        assert 1 <= abs(float(match[1])) < 10
    error = abs(read_back(text) - Decimal(value))
    assert error <= Decimal("5e-3") * abs(Decimal(value)) or error <= Decimal("1e-323")


def test_the_numbers_issue_9_found_broken():
    assert number(1e-320) == "1 × 10⁻³²⁰"
    assert number(5e-324) == "4.94 × 10⁻³²⁴"
    assert number(0.0) == number(-0.0) == "0"
    assert (number(math.inf), number(-math.inf)) == ("∞", "-∞")


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers(min_value=-(10**30), max_value=10**30))
def test_plain_value_is_what_python_reads_back(value):
    text = plain(value)
    if isinstance(value, int):
        assert int(text) == value
    elif math.isnan(value):
        assert text == "nan"
    else:
        assert float(text) == value


def test_counts_take_the_singular_only_for_one():
    assert counted(1, "iteration") == "1 iteration"
    assert counted(4, "iteration") == "4 iterations"
    assert counted(0, "step") == "0 steps"
    assert counted(805_027_285_135_369_472, "iteration") == "8.05 × 10¹⁷ iterations"
    assert count(34_356_751) == "34,356,751"


def test_a_rate_that_rounds_to_one_is_written_by_its_gap():
    assert contraction(1.0, 1.7e-17) == "1 − 1.7 × 10⁻¹⁷"
    assert contraction(1.0, -2e-9) == "1 + 2 × 10⁻⁹"
    assert contraction(0.5) == "0.5"
    assert contraction(0.99985) == "0.99985"
    assert contraction(1.0) == "exactly 1"


def test_fractions_of_a_start_are_percentages_or_powers_of_ten():
    assert fraction(1 - 1e-12) == "about 100%"
    assert fraction(0.452) == "45.2%"
    assert fraction(3.2e-4) == "3.2 × 10⁻⁴"
    assert fraction(0.0) == "0%"


def test_wall_time_says_what_a_huge_count_means():
    assert wall_time(805_027_285_135_369_472) == "about 26 years"
    assert wall_time(3.6e12) == "about 1 hour"
    assert wall_time(5e10) == "about 50 seconds"
    assert wall_time(10) == "under a second"


@given(st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True).filter(lambda value: value != 0))
def test_latex_numbers_say_what_the_text_says(value):
    text, latex = number(value), latex_number(value)
    if " × 10" in text:
        mantissa, power = text.split(" × ")
        assert latex == rf"{mantissa} \times 10^{{{power[2:].translate(_SUPERSCRIPTS)}}}"
    else:
        assert latex == text.replace(",", "{,}")


def test_counts_past_a_doubles_range_are_written_from_their_digits():
    huge = 7 * 10**313
    assert count(huge) == number(huge) == "7 × 10³¹³"
    assert counted(huge, "iteration") == "7 × 10³¹³ iterations"
    assert wall_time(huge) == "about 2.2 × 10²⁹⁷ years"


def test_escaped_text_leaves_no_bare_address_for_a_linkifier():
    """Streamlit links bare addresses even past Markdown escapes; the escape puts a word joiner in each."""
    from explainer.text.formatting import WORD_JOINER, escape_markdown

    shown = escape_markdown("see https://evil.example, www.evil.example or me@evil.example")
    assert "://" not in shown and "www." not in shown.lower() and "@e" not in shown
    assert (
        shown.replace(WORD_JOINER, "").replace("\\", "")
        == "see https://evil.example, www.evil.example or me@evil.example"
    )


def _escaped_by_pattern(text: str) -> str:
    """The escaping rule spelt as regular expressions, as escape_markdown once ran it: the reference."""
    from explainer.text.formatting import WORD_JOINER

    cleaned = "".join(character if character.isprintable() else " " for character in text)
    defuse = re.compile(r"(?i)(://|\bwww\.|@)", re.ASCII)  # RE2's \b, as the app's pattern, sees ASCII words
    defused = defuse.sub(lambda found: found[0][0] + WORD_JOINER + found[0][1:], cleaned)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])", r"\\\1", defused)


@given(
    st.text(alphabet=st.sampled_from("aW w.:/@\\`*_{}[]()#+-!|<>~$&x\n\t\u2028é1"), max_size=60) | st.text(max_size=60)
)
@example("see https://x.example or WWW.x.example, me@x.example\n**bold** [a](b) $x$ <b>")
@example("éwww.x")
def test_markdown_escaping_is_the_patterns_rule_in_one_pass(text: str):
    from explainer.text.formatting import escape_markdown

    assert escape_markdown(text) == _escaped_by_pattern(text)
