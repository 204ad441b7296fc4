"""The pure layer: text normalizing and rendering, word rules, spam signals, cursors, enums.

May import only the standard library, other ``moderation.core`` modules and plain libraries
(bleach, nh3, itsdangerous); never Flask, SQLAlchemy or anything else of this package.
"""
