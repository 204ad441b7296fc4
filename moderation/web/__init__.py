"""HTML blueprints by audience: ``reader`` (the no-JS section), ``embed`` and ``demo``, ``auth``,
``queue`` and ``log`` (moderators), ``admin/`` (admins, one access check), ``ops`` (probes).

May import services, core, ``http/``, models (for type and enum names), ``extensions``,
``errors`` and ``messages``; never ``db.session``: every read and write goes through a service.
"""
