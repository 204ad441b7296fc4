"""Unbound extension objects; ``create_app`` binds them. Nothing else lives here."""
from flask_babel import Babel
from flask_limiter import Limiter
from flask_mailman import Mail
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from moderation.http.clientip import client_ip
from moderation.http import limit_storage  # noqa: F401  (registers memory-swept://, the limits' default)


class Base(DeclarativeBase):
    # Named constraints let Alembic alter and drop them on every database.
    metadata = MetaData(naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
limiter = Limiter(key_func=client_ip)
login_manager = LoginManager()
babel = Babel()
# Outbox delivery only (services/outbox.py): nothing else sends mail.
mail = Mail()
