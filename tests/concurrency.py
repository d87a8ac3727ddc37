"""Two (or more) decisions at the same moment, on PostgreSQL with real connections."""

import threading

from django.db import connection, transaction

from core.errors import WrongState


def race(*actions):
    """Each action in its own thread and connection, in its own transaction, released together;
    returns what each ended with, sorted: "won", the refusal's code, or "error: …" for anything
    else (the failure under test)."""
    barrier, outcomes = threading.Barrier(len(actions)), []

    def run(action):
        try:
            barrier.wait()
            with transaction.atomic():
                action()
            outcomes.append("won")
        except WrongState as refused:
            outcomes.append(refused.code)
        except Exception as other:  # noqa: BLE001 — anything else is the failure under test
            outcomes.append(f"error: {other!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return sorted(outcomes)
