"""What a request may cost: time budgets for heavy work run in warm worker processes (`workers`,
`limits`), and one byte budget for every cache (`memory`). Import the module you need; nothing is
loaded here, so the lowest floors can use `memory` without starting anything."""
