"""gunicorn settings for `make run`; every value can be overridden from the environment.

The gevent worker serves many connections per process: a client that sends its request slowly
parks a greenlet instead of holding the worker, and server.body_buffer gives it a deadline.
Patching happens here, before gunicorn or the app import anything else. Measured against sync
and gthread (4 threads) with `python -m bench quotes_http coverages slow_clients`: none of them
spends clearly less CPU per request, and under both, 50 trickling clients leave /healthz
unanswered (the body deadline is gevent's), so gevent stays the default.
"""

import multiprocessing
import os

# gevent's worker, answering gunicorn's own refusals as problem+json (server/gunicorn_worker.py).
worker_class = os.environ.get("YANBAO_WORKER_CLASS", "server.gunicorn_worker.ProblemGeventWorker")
if "gevent" in worker_class.lower():
    from gevent import monkey

    monkey.patch_all()

bind = os.environ.get("YANBAO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("YANBAO_THREADS", "1"))  # for the gthread worker class
worker_connections = int(os.environ.get("YANBAO_WORKER_CONNECTIONS", "1000"))  # per worker
timeout = int(os.environ.get("YANBAO_TIMEOUT", "30"))
accesslog = os.environ.get("YANBAO_ACCESS_LOG", "-")
# Paths and status only: page bodies and tokens never reach the log.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
# Each worker loads the app itself, after gevent has patched it: threads the app starts (the
# in-memory rate-limit storage has a timer) then belong to the worker that uses them.
preload_app = False

# The reminder dispatcher beside the web workers (`make run` sets YANBAO_DISPATCH_LOOP=on):
# started by the arbiter once it is ready, stopped with SIGTERM when the arbiter exits, however
# it was asked to (Ctrl-C, SIGTERM, SIGQUIT). The arbiter's own signal handling makes this
# sturdier than a shell `&` and `trap` in the Makefile, and it works the same for anyone who
# runs `gunicorn -c gunicorn.conf.py` directly. Several hosts may each run one: every reminder
# still goes out once per channel (server.dispatch). Left off, run
# `flask --app server reminders dispatch` from cron or a systemd timer instead.
_dispatcher = None


def when_ready(server):
    global _dispatcher
    if os.environ.get("YANBAO_DISPATCH_LOOP", "off") != "on":
        return
    import subprocess
    import sys

    _dispatcher = subprocess.Popen([sys.executable, "-m", "flask", "--app", "server",
                                    "reminders", "dispatch", "--loop"])
    server.log.info("reminder dispatcher started (pid %s)", _dispatcher.pid)


def on_exit(server):
    if _dispatcher is None or _dispatcher.poll() is not None:
        return
    import subprocess

    _dispatcher.terminate()  # SIGTERM: it finishes the message in flight and hands back claims
    try:
        _dispatcher.wait(timeout=30)
    except subprocess.TimeoutExpired:
        _dispatcher.kill()
    server.log.info("reminder dispatcher stopped")


def post_worker_init(worker):
    """The app's start-up objects (catalog, schemas, routes: about 160,000 the collector
    tracks) live as long as the worker: frozen out of the collector's sight, so that a full
    collection walks only what requests left behind."""
    import gc

    gc.freeze()
