"""Pure content checks on comment text: personal data (pii) such as email addresses, phone
numbers and a child's stated age, found and masked without a database, Flask or the network.

`cms.checks.pii` is the interface the comment pipeline calls (`scan`, `mask`, `kinds`); the
private modules beside it each find one kind of candidate span and decide whether to keep it.
"""
