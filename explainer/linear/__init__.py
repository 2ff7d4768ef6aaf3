"""The linear-regression engine: data, the quadratic loss, normalizers, descent, momentum, Adam."""
