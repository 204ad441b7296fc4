"""The product's rules as plain functions with explicit arguments (the actor, the client's IP hash).

May import ``moderation.core``, ``models``, ``extensions``, ``errors``, ``messages`` and other
services; never a blueprint (``api``, ``web``, ``cli``), ``moderation.http``, nor
``flask.request``, ``session``, ``g`` or ``flash``. Each public function that writes is one
transaction, with its audit rows.
"""
