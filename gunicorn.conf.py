"""Gunicorn settings for production: `gunicorn yhdistystori.wsgi` reads this file.

Each setting can be tuned from the environment; docs/deployment.md lists them.

Memory: the Finnish-aware search (associations/search.py) looks words up in
simplemma's Finnish and Swedish dictionaries, about 450 MB once loaded and a
few seconds to load. Loading them in every worker would multiply both. So the
master loads the application and the dictionaries once (`preload_app`) and
then forks the workers, which share those pages with the master copy-on-write.
"""

from __future__ import annotations

import gc
import os

MAX_DEFAULT_WORKERS = 8


def _default_workers() -> int:
    """2 × CPUs + 1 (Gunicorn's rule of thumb), capped.

    The cap keeps a large host from starting dozens of workers, each with its
    own database connection and a private share of memory; set WEB_CONCURRENCY
    to go higher on purpose. sched_getaffinity counts the CPUs this container
    may use, not every CPU of the host.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return min(2 * cpus + 1, MAX_DEFAULT_WORKERS)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number; got {value!r}.") from None


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _env_int("WEB_CONCURRENCY", _default_workers())
preload_app = True

# A request slower than this is killed and logged (the worker is restarted).
timeout = _env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Replace each worker now and then so a slow leak cannot grow forever; the
# jitter keeps them from restarting all at once. A new worker is forked from the
# master, so it starts with the shared dictionaries at no cost.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = 100

# The heartbeat file on a disk-backed /tmp can stall workers in containers;
# /dev/shm is memory. Fall back to the default where it does not exist.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# We do not use `gunicornc`; the control socket would need a writable $HOME.
control_socket_disable = True

# Logs go to the container's stdout/stderr. Behind the reverse proxy %(h)s is the
# proxy, so the client's address (X-Forwarded-For) follows in quotes; %(M)s is the
# response time in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s "%({x-forwarded-for}i)s" %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)


def when_ready(server) -> None:
    """Load the search dictionaries in the master, after the preloaded app, before any fork."""
    if not server.cfg.preload_app:
        # Without preloading each worker loads its own copy on first use; warming
        # the master would only waste its memory.
        return
    from associations.search import word_terms

    server.log.info("Loading the Finnish and Swedish search dictionaries…")
    word_terms("yhdistyksen")  # any inflected word loads both dictionaries
    server.log.info("Search dictionaries loaded.")

    # A database connection opened while preloading would be inherited by every
    # worker, and a socket shared between processes corrupts the protocol. Nothing
    # opens one today; closing here keeps it that way.
    from django.db import connections

    connections.close_all()


def pre_fork(server, worker) -> None:
    """Keep the garbage collector's hands off the objects the master has loaded.

    A collection in a worker writes to every object it visits, and each write
    copies a memory page that was shared with the master. gc.freeze() moves
    everything that exists now into a permanent generation the collector skips.
    (The dictionaries' bytes entries are not tracked by the collector at all;
    only reference counts of the words a worker looks up unshare their pages.)
    Calling it before every fork also covers workers replaced after max_requests.
    """
    gc.freeze()
