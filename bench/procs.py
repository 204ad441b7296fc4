"""Real processes for the topology tests and benchmarks: gunicorn instances, a private Redis,
and a TCP proxy in front of PostgreSQL that can be cut and restored.

Everything listens on 127.0.0.1 on a free port and is stopped by whoever started it; the
machine's own PostgreSQL and Redis are never stopped. Waits are bounded polls, never sleeps
that hope.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The gunicorn of the interpreter running the tests: .venv in a checkout, whatever venv CI made.
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout=30.0, interval=0.1, what="condition"):
    """Poll ``predicate`` until it returns a truthy value, which is returned; fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not reached within {timeout}s")
        time.sleep(interval)


def port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Gunicorn:
    """One service instance: ``gunicorn -c gunicorn.conf.py wsgi:app`` in its own process group
    (``app="bench.wsgi:create_bench_app()"`` adds the benchmarks' no-op route)."""

    def __init__(self, env, workers=1, log_dir=None, app="wsgi:app"):
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_dir or tempfile.mkdtemp()) / f"gunicorn-{self.port}.log"
        self.env = {**os.environ, "APP_ENV": "production", "HOST": "127.0.0.1", "PORT": str(self.port),
                    "WEB_CONCURRENCY": str(workers), "GUNICORN_LOG_LEVEL": "warning",
                    "GUNICORN_ACCESS_LOG": os.devnull, **env}
        self.process = None

    def start(self, timeout=60):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([str(GUNICORN), "-c", "gunicorn.conf.py", self.app], cwd=ROOT,
                                        env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()
        from bench.http_client import get
        try:
            wait_until(lambda: self._alive() and get(self.url + "/healthz")[0] == 200, timeout,
                       what=f"gunicorn on {self.port} answering /healthz")
        except TimeoutError:
            self.stop()
            raise RuntimeError(f"gunicorn did not start; log:\n{self.log()}") from None
        return self

    def _alive(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {self.process.returncode}; log:\n{self.log()}")
        return True

    def log(self):
        return self.log_path.read_text(errors="replace")[-4000:] if self.log_path.exists() else ""

    def stop(self):
        """Terminate the whole process group (master and workers) and reap it."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


class PrivateRedis:
    """A throw-away redis-server on its own port and directory; stop() and start() keep the port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.dir = tempfile.mkdtemp(prefix="ykbd-redis-")
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError("redis-server is not installed")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: port_open(self.port), 15, what=f"redis on {self.port}")
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        wait_until(lambda: not port_open(self.port), 15, what=f"redis on {self.port} closed")

    def pause(self):
        """Freeze the server: connections are accepted by the kernel and never answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def cleanup(self):
        if self.process is not None and self.process.poll() is None:
            self.resume()
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class TcpProxy:
    """127.0.0.1:<port> forwarded to an upstream; down() refuses new connections and cuts open ones,
    which is what clients see when the database server goes away; up() restores the same port."""

    def __init__(self, upstream_host, upstream_port):
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self._listener = None
        self._sockets = set()
        self._lock = threading.Lock()

    def up(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def down(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept() on Linux
            except OSError:
                pass
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:
                    client.close()
                    upstream.close()
                    return
                self._sockets.update((client, upstream))
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    def _pipe(self, src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
