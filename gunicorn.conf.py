"""gunicorn settings for `make run`; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("YANBAO_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
threads = int(os.environ.get("YANBAO_THREADS", "1"))
timeout = int(os.environ.get("YANBAO_TIMEOUT", "30"))
accesslog = os.environ.get("YANBAO_ACCESS_LOG", "-")
# Paths and status only: page bodies and tokens never reach the log.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
preload_app = True
