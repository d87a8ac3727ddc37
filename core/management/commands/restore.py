from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "从备份恢复数据库与上传文件（覆盖现有全部数据，不可撤销）"

    def add_arguments(self, parser):
        parser.add_argument("source", help="备份目录，如 var/backups/20261201-0300")
        parser.add_argument("--yes", action="store_true", help="不再询问，直接恢复")

    def handle(self, *args, source, yes, **options):
        db = settings.DATABASES["default"]
        self.stdout.write(backup.describe(Path(source)))
        self.stdout.write(
            f"将用该备份覆盖数据库 {db['NAME']} 的全部数据和 {settings.MEDIA_ROOT} 下的全部文件；"
            "现有数据将丢失，且不可撤销。"
        )
        if not yes and input("确认恢复请输入 yes：").strip() != "yes":
            raise CommandError("已取消，未做任何更改。")
        try:
            backup.restore(source=Path(source), db=db, media_root=Path(settings.MEDIA_ROOT))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("恢复完成，记录数与文件校验一致。"))
