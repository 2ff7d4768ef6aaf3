"""The ravine's contour lines are simplified (Ramer–Douglas–Peucker) so a page sends far fewer points;
what is dropped must lie within the tolerance of the line that is kept, or the drawn contour would change."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from explainer.explanation.figures import _simplified, _simplified_lines, _simplified_one_by_one

COORDINATES = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)


@given(arrays(float, st.tuples(st.integers(2, 60), st.just(2)), elements=COORDINATES), st.floats(0.01, 50.0))
def test_every_dropped_point_lies_near_the_kept_line(points, tolerance):
    kept = _simplified(points, tolerance)
    assert kept[0] == 0 and kept[-1] == len(points) - 1
    assert np.all(np.diff(kept) > 0)
    for first, last in itertools.pairwise(kept):
        for index in range(first + 1, last):  # each dropped point: within tolerance of its kept chord's line
            chord = points[last] - points[first]
            length = float(np.hypot(*chord))
            offset = points[index] - points[first]
            line = abs(chord[0] * offset[1] - chord[1] * offset[0]) / length if length > 0 else np.hypot(*offset)
            assert line <= tolerance * (1 + 1e-9) + 1e-9, (index, first, last, line)


def test_a_straight_line_keeps_only_its_ends_and_a_corner_is_kept():
    straight = np.column_stack([np.linspace(0, 100, 50), np.linspace(0, 50, 50)])
    assert _simplified(straight, 0.5).tolist() == [0, 49]
    corner = np.array([[0.0, 0.0], [50.0, 0.0], [100.0, 0.0], [100.0, 50.0], [100.0, 100.0]])
    assert _simplified(corner, 0.5).tolist() == [0, 2, 4]


LINE = arrays(float, st.tuples(st.integers(2, 40), st.just(2)), elements=COORDINATES)


@given(st.lists(LINE, min_size=1, max_size=6), st.floats(0.01, 50.0), st.data())
def test_lines_simplified_together_keep_the_points_each_keeps_alone(lines, tolerance, data):
    """All of a side's contour lines are simplified in one pass; each must keep exactly the points that the usual
    one-interval-at-a-time algorithm keeps for it alone (closed lines, repeated points and ties included)."""
    closed = data.draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    lines = [np.vstack([line, line[:1]]) if close else line for line, close in zip(lines, closed, strict=True)]
    together = _simplified_lines(lines, tolerance)
    assert [kept.tolist() for kept in together] == [_simplified_one_by_one(line, tolerance).tolist() for line in lines]
