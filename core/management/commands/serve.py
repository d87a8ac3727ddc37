"""``make run``: the web server, a Celery worker and Celery beat together, with the demo logins
printed. Ctrl-C stops everything it started, the embedded PostgreSQL and Redis included."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from directory import demo
from qc_admin import embedded


class Command(BaseCommand):
    help = "启动 Web 服务、Celery worker 与 beat（Ctrl-C 全部停止）"

    def add_arguments(self, parser):
        parser.add_argument("--addr", default=os.environ.get("QC_ADDR", "127.0.0.1:8000"))

    def handle(self, *args, addr, **options):
        python = sys.executable
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "REDIS_URL": settings.CELERY_BROKER_URL}
        var = embedded.VAR_DIR
        var.mkdir(parents=True, exist_ok=True)
        commands = {
            "web": [python, "manage.py", "runserver", addr, "--noreload"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "qc_admin",
                "worker",
                "-l",
                "warning",
                "-Q",
                "celery,documents",
                "--concurrency",
                "2",
                "--max-tasks-per-child",
                "50",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "qc_admin",
                "beat",
                "-l",
                "warning",
                "--schedule",
                str(var / "celerybeat-schedule"),
            ],
        }
        procs = {
            name: subprocess.Popen(cmd, env=env, start_new_session=True) for name, cmd in commands.items()
        }
        self._print_logins(addr)
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        try:
            while not stopping:
                for name, proc in procs.items():
                    if proc.poll() is not None:
                        self.stderr.write(f"{name} 已退出（代码 {proc.returncode}），正在停止其余进程。")
                        stopping = True
                time.sleep(0.5)
        finally:
            for proc in procs.values():
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGTERM)
            for proc in procs.values():
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
            if not os.environ.get("DATABASE_URL"):
                embedded.stop_all()
            self.stdout.write("已停止。数据保存在 var/，再次运行 make run 即可继续使用。")

    def _print_logins(self, addr):
        self.stdout.write(self.style.SUCCESS(f"\n质控中心管理平台已启动：http://{addr}/"))
        self.stdout.write(f"演示账号（密码均为 {demo.DEMO_PASSWORD}）：")
        for login in demo.LOGINS:
            self.stdout.write(f"  {login.username:<22} {login.display_name}")
        self.stdout.write("按 Ctrl-C 停止。\n")
