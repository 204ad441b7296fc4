"""JSON blueprints by audience: ``reader`` (comments, reports), ``counts`` and ``receipts`` (article
pages), ``moderation`` and ``admin`` (bearer tokens), with ``shapes`` (the JSON of each thing) and
``openapi/`` (the document, one spec module per blueprint).

May import services, core, ``http/``, models, ``extensions``, ``errors`` and ``messages``; never
``db.session``. Every error under /api/ is the JSON body of ``http/errors.py``.
"""
