"""Words and marks shared by every layer: number formatting, echoing user values, safe Markdown."""
