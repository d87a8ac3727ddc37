from django.core.management.base import BaseCommand

from search.index import reindex


class Command(BaseCommand):
    help = "重建全局搜索索引（批量导入之后运行；平时由保存记录时自动更新）。"

    def handle(self, *args, **options):
        self.stdout.write(f"已索引 {reindex()} 条记录。")
