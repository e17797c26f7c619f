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
