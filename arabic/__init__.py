"""The Arabic text toolkit every room shares: bidi controls, spelling folding, slugs.

Not a Django app, and below every app: it imports nothing of the project's.
"""
