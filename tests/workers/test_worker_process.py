"""The worker process's own set-up, checked in a separate process that loads `workers.app` as Celery does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import settings_as_environment

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import gc
from celery.signals import worker_process_init, worker_ready
import workers.app
before = gc.get_freeze_count()
worker_ready.send(sender=None)
after_ready = gc.get_freeze_count()
gc.unfreeze()
worker_process_init.send(sender=None)
print(before, after_ready, gc.get_freeze_count())
"""


def _printed_by(script: str, settings: dict) -> list[str]:
    """What `script` printed last, run in a fresh process that loads `workers.app` with the test settings."""
    env = os.environ | settings_as_environment(settings) | {"PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, env=env, text=True, capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_ready_worker_and_each_pool_process_freeze_what_start_up_loaded(settings):
    before, after_ready, after_fork = map(int, _printed_by(CHECK, settings)[-3:])
    assert before == 0
    assert after_ready > 50_000 and after_fork > 50_000  # the loaded application, out of the collector's passes


SWITCH_CHECK = """
import sys
from celery.signals import worker_process_init, worker_ready
import workers.app
before = sys.getswitchinterval()
worker_ready.send(sender=None)
after_ready = sys.getswitchinterval()
sys.setswitchinterval(before)
worker_process_init.send(sender=None)
print(before, after_ready, sys.getswitchinterval())
"""


def test_a_ready_worker_and_each_pool_process_hand_the_interpreter_between_threads_every_millisecond(settings):
    before, after_ready, after_fork = map(float, _printed_by(SWITCH_CHECK, settings)[-3:])
    assert before == 0.005  # CPython's default: loading the app changes nothing
    assert after_ready == after_fork == 0.001
