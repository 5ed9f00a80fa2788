"""Pure content checks on comment text, with no database, Flask or network.

- `pii`: personal data (email addresses, phone numbers, a child's stated age), found and masked;
  `scan`, `mask`, `kinds` are what the comment pipeline calls, the private modules beside it each
  find one kind of candidate span and decide whether to keep it;
- `spam`: the readable heuristics and the classifier's features of the spam checker.
"""
