"""Budgets every request and cache lives within: `memory` (one byte budget for every cache)."""
