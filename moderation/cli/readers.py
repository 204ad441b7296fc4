"""``flask readers export EMAIL`` and ``flask readers erase EMAIL (--anonymize | --delete)``:
answering a reader's data request from the shell (the admin page does the same)."""
import json

import click
from flask import current_app
from flask.cli import AppGroup

from moderation import messages
from moderation.core.emails import hash_email
from moderation.errors import ServiceError
from moderation.services import readers as service
from moderation.services.imports import DEFAULT_SITE

readers = AppGroup("readers", help="Yêu cầu về dữ liệu của bạn đọc.")


def _hasher():
    secret = current_app.config["SECRET_KEY"]
    return lambda email: hash_email(email, secret)


def _fail(error):
    return click.ClickException(" ".join(str(reason) for reason in error.fields.values()) or error.code)


@readers.command("export")
@click.argument("email")
@click.option("--site", default=DEFAULT_SITE, show_default=True)
def export_reader(email, site):
    """In ra JSON mọi bình luận gửi bằng email này."""
    try:
        document = service.reader_data(email, site=site, actor=None, email_hash=_hasher())
    except ServiceError as error:
        raise _fail(error) from None
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@readers.command("erase")
@click.argument("email")
@click.option("--site", default=DEFAULT_SITE, show_default=True)
@click.option("--anonymize", "mode", flag_value="anonymize", help="Giữ nội dung, bỏ tên, email và địa chỉ IP.")
@click.option("--delete", "mode", flag_value="delete", help="Xóa nội dung; bình luận có trả lời còn lại dòng giữ chỗ.")
def erase_reader(email, site, mode):
    """Ẩn danh hoặc xóa mọi bình luận gửi bằng email này."""
    if mode is None:
        raise click.UsageError(str(messages.FIELDS["erase_mode"]))
    try:
        count = service.erase(email, site=site, mode=mode, actor=None, email_hash=_hasher())
    except ServiceError as error:
        raise _fail(error) from None
    click.echo(str(messages.erased(count, mode)))
