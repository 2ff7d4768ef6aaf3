"""Reading a message: numbers as people type them, ranges, pasted values and code, named things."""
