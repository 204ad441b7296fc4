"""``flask import disqus|wordpress|isso|jsonl FILE`` and ``flask export jsonl|wordpress``: moving comments in and out.

The commands parse options, call one service, print its summary. Raw IPs in a file are hashed
here with the app's key (``http.clientip.hash_ip``) and handed to the service as a function,
so services never see the secret or the request plumbing.
"""
import sys
from functools import lru_cache
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from moderation import messages
from moderation.core.addresses import address_key
from moderation.core.sources import ArticleMap, SourceError
from moderation.errors import ServiceError
from moderation.http.clientip import hash_ip
from moderation.services import exports, imports, sites, wxr

import_group = AppGroup("import", help="Nhập bình luận từ Disqus, WordPress hoặc tệp xuất của chúng tôi.")
export_group = AppGroup("export", help="Xuất bình luận.")


def _hasher():
    """The keyed hash of a file's raw IP, kept per run for the addresses that come back (parsing
    the address and the HMAC were a twentieth of the importing process's time)."""
    secret, prefix = current_app.config["SECRET_KEY"], current_app.config["IPV6_PREFIX"]
    return lru_cache(maxsize=100_000)(lambda ip: hash_ip(address_key(ip, prefix) or ip, secret))


def _article_map(path):
    if path is None:
        return ArticleMap()
    try:
        with open(path, encoding="utf-8") as lines:
            return ArticleMap(lines)
    except OSError:
        raise click.ClickException(str(messages.source_error(path, None, "unreadable"))) from None
    except SourceError as error:
        raise click.ClickException(str(messages.source_error(path, error.line, error.reason))) from None


def _fail(error):
    return click.ClickException(" ".join(str(reason) for reason in error.fields.values()) or error.code)


def _run_import(kind, file, site, dry_run, map_file, keep_deleted):
    article_map = _article_map(map_file)
    name = Path(file).name
    try:
        imports.resolve_site(site)
        # The checking pass: a malformed file stops here, before anything is written.
        if dry_run:
            summary, _ = imports.survey(kind, file, article_map, keep_deleted)
        else:
            total = imports.check(kind, file, article_map, keep_deleted)
            with click.progressbar(length=total, label=name, file=sys.stderr) as bar:
                summary = imports.import_file(kind, file, site=site, actor=None, hash_ip=_hasher(),
                                              article_map=article_map, keep_deleted=keep_deleted,
                                              progress=bar.update, checked=True,
                                              workers=current_app.config["IMPORT_WORKERS"])
    except ServiceError as error:
        raise _fail(error) from None
    except SourceError as error:
        raise click.ClickException(str(messages.source_error(name, error.line, error.reason))) from None
    click.echo(messages.import_summary(summary, dry_run))


def _import_command(kind, help_text):
    @import_group.command(kind, help=help_text)
    @click.argument("file", type=click.Path(dir_okay=False))
    @click.option("--site", default=imports.DEFAULT_SITE, show_default=True)
    @click.option("--dry-run", is_flag=True, help="Đọc, ánh xạ và báo cáo, không ghi gì.")
    @click.option("--map", "map_file", type=click.Path(dir_okay=False),
                  help="Tệp ánh xạ: mỗi dòng “url-cũ mã-bài-mới” hoặc “tiền-tố-url* mã-bài-mới”.")
    @click.option("--keep-deleted", is_flag=True, help="Nhập bình luận đã xóa thành “đã từ chối” thay vì bỏ qua.")
    def command(file, site, dry_run, map_file, keep_deleted):
        _run_import(kind, file, site, dry_run, map_file, keep_deleted)
    return command


_import_command("disqus", "Nhập tệp XML xuất từ Disqus (có thể nén gzip).")
_import_command("wordpress", "Nhập tệp WXR xuất từ WordPress (có thể nén gzip).")
_import_command("isso", "Nhập cơ sở dữ liệu SQLite của Isso.")
_import_command("jsonl", "Nhập tệp JSON Lines do “flask export jsonl” tạo ra.")


@export_group.command("jsonl")
@click.option("--site", default=imports.DEFAULT_SITE, show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="-",
              help="Tệp ghi ra (mặc định: đầu ra chuẩn).")
@click.option("--with-emails", is_flag=True, help="Kèm email của người gửi.")
def export_jsonl(site, output, with_emails):
    """Xuất bài viết và bình luận thành JSON Lines nén gzip."""
    try:
        with click.open_file(output, "wb") as out:
            articles, comments = exports.export_jsonl(site, out, with_emails=with_emails)
    except ServiceError as error:
        raise _fail(error) from None
    click.echo(str(messages.exported(articles, comments)), err=True)


@export_group.command("wordpress")
@click.option("--site", default=imports.DEFAULT_SITE, show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default="-",
              help="Tệp ghi ra (mặc định: đầu ra chuẩn).")
@click.option("--with-emails", is_flag=True, help="Kèm email của người gửi.")
def export_wordpress(site, output, with_emails):
    """Xuất bài viết và bình luận đã duyệt thành tệp WXR 1.2 cho WordPress."""
    try:
        origins = sites.origins_of(imports.resolve_site(site).id, current_app.config["ALLOWED_ORIGINS"])
        with click.open_file(output, "w", encoding="utf-8") as out:
            articles, comments = wxr.export_wordpress(site, out, link=origins[0] if origins else "",
                                                      with_emails=with_emails)
    except ServiceError as error:
        raise _fail(error) from None
    click.echo(str(messages.exported(articles, comments)), err=True)
