from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core import backup


class Command(BaseCommand):
    help = "备份数据库与上传文件（pg_dump + MEDIA_ROOT），写入 var/backups/<时间>/"

    def add_arguments(self, parser):
        parser.add_argument("--dest", default=str(Path(settings.BASE_DIR) / "var" / "backups"))

    def handle(self, *args, dest, **options):
        folder = backup.backup(
            dest=Path(dest), db=settings.DATABASES["default"], media_root=Path(settings.MEDIA_ROOT)
        )
        self.stdout.write(self.style.SUCCESS(backup.describe(folder)))
