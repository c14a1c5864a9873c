#!/usr/bin/python3
"""bellwether chat through a real pseudo-terminal (Python's pty module): the prompt a person
sees, a request, the questions, the summary, the dry-run message after "yes", "help", "quit"
with exit 0, and end of input (Ctrl-D) with exit 0.

Usage: run_chat_pty_tests.py BELLWETHER_EXECUTABLE SOURCE_ROOT
Prints "N passed, N failed" like tests/lib/check.sh and exits non-zero on a failure.
"""
import errno
import os
import pty
import select
import shutil
import signal
import sys
import tempfile
import time

# How long to wait for text the program must print. A bound on startup and scheduling on a
# busy machine, not a measurement: a correct program answers in milliseconds.
PATIENCE_SECONDS = 20


class Terminal:
    """The chat command on the slave side of a pty; we are the person at the master side."""

    def __init__(self, argv, env):
        self.pid, self.master = pty.fork()
        if self.pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.seen = b""   # everything printed so far
        self.read_to = 0  # where the next expect() starts looking
        self.status = None

    def _read_some(self, timeout):
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.master, 65536)
        except OSError as e:  # EIO: the slave side is closed, the program has exited
            if e.errno != errno.EIO:
                raise
            return False
        if not data:
            return False
        self.seen += data
        return True

    def expect(self, text):
        """True once `text` appears after what earlier expects consumed."""
        wanted = text.encode("utf-8")
        deadline = time.monotonic() + PATIENCE_SECONDS
        while True:
            at = self.seen.find(wanted, self.read_to)
            if at >= 0:
                self.read_to = at + len(wanted)
                return True
            left = deadline - time.monotonic()
            if left <= 0 or not self._read_some(min(left, 0.5)):
                at = self.seen.find(wanted, self.read_to)
                if at >= 0:
                    self.read_to = at + len(wanted)
                    return True
                return False

    def type(self, line):
        os.write(self.master, line.encode("utf-8") + b"\r")

    def send_eof(self):
        os.write(self.master, b"\x04")

    def exit_status(self):
        """The exit code once the program has ended (None if it does not end in time)."""
        deadline = time.monotonic() + PATIENCE_SECONDS
        while time.monotonic() < deadline:
            self._read_some(0.1)  # keep draining so the program never blocks on a full pty
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = status
                return os.waitstatus_to_exitcode(status)
        return None

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        os.close(self.master)


passed = failed = 0


def check(name, ok, terminal=None):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + name)
        if terminal is not None:
            print("  terminal so far: " + terminal.seen.decode("utf-8", "replace")[-600:].replace("\r", ""))


def main():
    state = tempfile.mkdtemp(prefix="bellwether-chat-pty-")
    try:
        run(sys.argv[1], sys.argv[2], state)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def run(bellwether, root, state):
    registry = os.path.join(root, "examples", "jobs.yaml")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("JENKINS_") and k not in ("BELLWETHER_LLM_API_KEY", "REDIS_PASSWORD")}
    env.update({"XDG_STATE_HOME": state, "USER": "pty-tester", "TERM": "dumb", "LC_ALL": "C.UTF-8"})
    argv = [bellwether, "chat", "--registry", registry, "--dry-run"]

    t = Terminal(argv, env)
    try:
        check("the greeting is shown", t.expect('bellwether chat — say what you need ("help" lists the jobs, "quit" leaves).'), t)
        check("a prompt is shown on a terminal", t.expect("> "), t)
        t.type("create a namespace")
        check("it asks for the namespace", t.expect("Which namespace? (Namespace name)"), t)
        check("and prompts again", t.expect("> "), t)
        t.type("payments")
        check("then for the cluster", t.expect("Which cluster? (AKS cluster)"), t)
        t.type("aks-prod-01")
        check("then for the resource group", t.expect("Which resource group? (Azure resource group)"), t)
        t.type("rg-prod")
        check("then shows the summary to confirm",
              t.expect("Run platform/k8s/create-namespace (create_namespace) with namespace=payments, "
                       "cluster=aks-prod-01, resource_group=rg-prod? Say yes to run it, or no to cancel."), t)
        t.type("yes")
        check("yes gives the dry-run message",
              t.expect("Dry run: this is the request I would send to Jenkins for platform/k8s/create-namespace; "
                       "nothing was sent."), t)
        check("and does not wait for a build that was never queued", "Waiting for the build" not in t.seen.decode("utf-8", "replace"))
        t.type("help")
        check("help lists the jobs", t.expect("I can run these jobs:") and t.expect("• scale_service:"), t)
        t.type("quit")
        check("quit exits 0", t.exit_status() == 0, t)
    finally:
        t.close()

    audit = os.path.join(state, "bellwether", "audit.jsonl")
    lines = open(audit, encoding="utf-8").read().splitlines() if os.path.exists(audit) else []
    check("the dry run is audited once, as the terminal's user",
          len(lines) == 1 and '"result":"dry_run"' in lines[0] and '"user":"pty-tester"' in lines[0])

    # End of input in the middle of a conversation leaves cleanly too.
    t = Terminal(argv, env)
    try:
        t.expect("> ")
        t.type("roll back checkout")
        check("a second conversation asks for the environment", t.expect("Which environment? (Environment) One of: dev, staging, prod."), t)
        t.expect("> ")
        t.send_eof()
        check("Ctrl-D exits 0", t.exit_status() == 0, t)
    finally:
        t.close()


if __name__ == "__main__":
    sys.exit(main())
