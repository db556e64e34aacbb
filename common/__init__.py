"""Not an app: model field declarations several rooms make the same way (``fields.py``).

Below every app, beside ``arabic`` and ``background``: it imports nothing of the project's.
"""
