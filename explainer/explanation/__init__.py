"""A scenario becomes an Explanation: headline, summary, caveats, figures, charts, theory."""
