"""``python manage.py seed_scale --preset district|city|province [--seed N]``: the province-scale
data set of core/scale.py, each app adding its part (``<app>/scale.py``). Load it into an empty
database (or one with only the demo world): a second run on a seeded database does nothing."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import scale


class Command(BaseCommand):
    help = "生成省级规模的性能测试数据（示范省，可复现）"

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(scale.PRESETS), default="district")
        parser.add_argument("--seed", type=int, default=20261201)
        parser.add_argument(
            "--only", nargs="*", help="只运行这些应用的部分（续建中断的生成：已有的部分从数据库读取）"
        )

    def handle(self, *args, preset, seed, only=None, **options):
        ctx = scale.ScaleContext(
            preset=scale.PRESETS[preset], seed=seed, progress=scale.Progress(self.stderr)
        )
        if scale.is_seeded():
            if not only:
                self.stdout.write(f"数据库中已有{scale.PROVINCE_NAME}（{scale.PROVINCE_CODE}），不再生成。")
                return
            scale.load_existing(ctx)  # continue an interrupted load with the parts named
        started = time.perf_counter()
        self.stdout.write(f"生成{scale.PROVINCE_NAME}：预设 {preset}，种子 {seed}")
        for order, label, module in scale.parts():
            if only and label not in only:
                continue
            t0 = time.perf_counter()
            try:
                with transaction.atomic():
                    module.seed(ctx)
            except Exception as exc:
                raise CommandError(f"{label} 部分失败：{exc}") from exc
            self.stdout.write(f"  {label}: {time.perf_counter() - t0:.1f}s")
        from django.db import connection

        # VACUUM sets the visibility map, without which the index-only scans the lists rely on (the
        # duty entries' recent-first index) still read every heap page; it cannot run inside a
        # transaction (a test's), where the statistics are refreshed alone
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"完成，用时 {time.perf_counter() - started:.0f}s"))
