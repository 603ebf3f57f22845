"""A throw-away single-node SLURM on loopback, for testing the workflow's SLURM profile.

Brings up munged, slurmctld and slurmd (Debian packages munge, slurmctld, slurmd,
slurm-client) with a minimal configuration: one node on 127.0.0.1 with ``cpus`` CPUs and
two fake GPUs (GRES backed by /dev/null and /dev/zero: jobs get CUDA_VISIBLE_DEVICES, no
device), two partitions ``cpu`` (the default) and ``gpu``, no accounting. Every daemon
runs in the foreground as a child of this process, so :meth:`MiniSlurm.stop` ends exactly
the processes it started, by pid (and a later start stops, by the pids in their pid files,
the daemons of a test process that was killed before it could). Every file lives in a
fresh temporary directory, except the two SLURM only reads from its compiled-in path
(``/etc/slurm/slurm.conf`` and ``gres.conf`` beside it: the Snakemake job step drops
``SLURM_CONF`` before it calls ``srun``), which carry a marker line, are never written
over a configuration without it, and are removed on stop. munged runs as user munge with
its own key and socket, so a system munged, if any, is left alone.

Usage::

    reason = unavailable()          # None, or why it cannot run here (for pytest.skip)
    with MiniSlurm() as cluster:    # raises SlurmStartError with the daemon logs
        subprocess.run(["sbatch", ...])
"""

from __future__ import annotations

import fcntl
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

__all__ = ["MiniSlurm", "SlurmBusy", "SlurmStartError", "unavailable", "CONF", "PACKAGES"]

CONF = Path("/etc/slurm/slurm.conf")
GRES = CONF.with_name("gres.conf")
MARKER = "# written by dltheory tests/workflow/minislurm.py: removed when the test ends"
PACKAGES = ("slurmctld", "slurmd", "slurm-client", "munge")
BINARIES = ("munged", "slurmctld", "slurmd", "sbatch", "srun", "squeue", "sinfo", "scancel")
LOCK = Path(tempfile.gettempdir()) / "dltheory-minislurm.lock"


class SlurmStartError(RuntimeError):
    """The daemons did not come up; the message carries their logs."""


class SlurmBusy(SlurmStartError):
    """Another MiniSlurm on this machine holds the configuration (and did not finish in time)."""


def _bin(name: str) -> str | None:
    """Where a SLURM or munge program is (daemons live in /usr/sbin, often not on PATH)."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")


def _ours(path: Path) -> bool:
    return path.read_text(errors="replace").startswith(MARKER)


def unavailable() -> str | None:
    """Why a MiniSlurm cannot run on this machine, or None if it can."""
    if not Path("/proc").is_dir():
        return "needs Linux"
    if os.geteuid() != 0:
        return ("needs root: slurmd starts as root to run jobs as their user, and the job "
                "step only reads /etc/slurm/slurm.conf")
    missing = [b for b in BINARIES if _bin(b) is None]
    if missing:
        hint = ("`.ci/run` installs them" if shutil.which("apt-get") else
                "no apt-get on this machine to install them")
        return (f"SLURM is not installed ({', '.join(missing)} not found); {hint}: "
                f"apt-get install {' '.join(PACKAGES)}")
    try:
        pwd.getpwnam("munge")
    except KeyError:
        return "no `munge` user (the Debian munge package creates it)"
    for path in (CONF, GRES):
        if path.exists() and not _ours(path):
            return f"{path} exists and was not written by this test: a real SLURM is configured here"
    return None


def _stop_stale() -> None:
    """Stop the daemons of an earlier MiniSlurm whose test process died without stopping
    them: the configuration it left names their pid files; each pid is checked to be that
    daemon before it is signalled."""
    if not CONF.exists() or not _ours(CONF):
        return
    text = CONF.read_text()
    pidfiles = re.findall(r"^(?:SlurmctldPidFile|SlurmdPidFile)=(\S+)$", text, re.M)
    root = re.search(r"^StateSaveLocation=(\S+)/state$", text, re.M)
    if root:
        pidfiles.append(f"{root.group(1)}/munge/munged.pid")
    for pidfile in pidfiles:
        try:
            pid = int(Path(pidfile).read_text().split()[0])
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except (OSError, ValueError, IndexError):
            continue
        if Path(cmd.decode(errors="replace")).name in ("slurmctld", "slurmd", "munged"):
            os.kill(pid, signal.SIGTERM)
    if root and Path(root.group(1)).name.startswith("dltheory-slurm-"):
        time.sleep(1)
        shutil.rmtree(root.group(1), ignore_errors=True)
    for path in (CONF, GRES):
        if path.exists() and _ours(path):
            path.unlink()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _mem_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    return 4096


class MiniSlurm:
    """munged + slurmctld + slurmd on 127.0.0.1, started and stopped by pid.

    Parameters
    ----------
    cpus : int
        CPUs of the node (jobs beyond them queue).
    mem_mb : int, optional
        RealMemory of the node; default the machine's memory. Nothing is reserved
        (``CR_CPU``), the value only bounds what ``--mem`` a job may ask for.
    lock_timeout : float
        Seconds to wait for another MiniSlurm on this machine to finish.
    """

    def __init__(self, cpus: int = 2, mem_mb: int | None = None, lock_timeout: float = 300):
        self.cpus = cpus
        self.mem_mb = mem_mb or _mem_mb()
        self.lock_timeout = lock_timeout
        self.dir: Path | None = None
        self.procs: dict[str, subprocess.Popen] = {}
        self._lock = None
        self._wrote: list[Path] = []

    # -- life cycle ------------------------------------------------------------------
    def __enter__(self) -> "MiniSlurm":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 60) -> None:
        reason = unavailable()
        if reason:
            raise SlurmStartError(reason)
        self._acquire_lock()
        try:
            _stop_stale()
            self._start(timeout)
        except BaseException:
            self.stop()
            raise

    def _acquire_lock(self) -> None:
        self._lock = open(LOCK, "w")
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self._lock.close()
                    self._lock = None
                    raise SlurmBusy(f"another MiniSlurm held {LOCK} for "
                                    f"{self.lock_timeout:.0f} s") from None
                time.sleep(1)

    def _start(self, timeout: float) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="dltheory-slurm-"))
        self.dir.chmod(0o755)  # munged (user munge) must reach its own subdirectory
        munge = self.dir / "munge"
        for sub in ("state", "spool"):
            (self.dir / sub).mkdir()
        munge.mkdir()
        munge.chmod(0o755)  # clients reach the socket; the key stays 0600
        key = munge / "munge.key"
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, os.urandom(1024))
        os.close(fd)
        user = pwd.getpwnam("munge")
        for path in (munge, key):
            os.chown(path, user.pw_uid, user.pw_gid)
        self.socket = munge / "munge.socket"
        self._write_conf()

        self._spawn("munged", [_bin("munged"), "--foreground", f"--socket={self.socket}",
                               f"--key-file={key}", f"--pid-file={munge / 'munged.pid'}",
                               f"--log-file={munge / 'munged.log'}",
                               f"--seed-file={munge / 'munged.seed'}", "--num-threads=2"],
                    user="munge", group="munge")
        self._wait(lambda: self.socket.exists(), timeout, "munged did not open its socket")
        self._spawn("slurmctld", [_bin("slurmctld"), "-D", "-i"])
        self._spawn("slurmd", [_bin("slurmd"), "-D", "-N", self.node])
        self._wait(self._node_idle, timeout, "the node did not become idle")

    def _spawn(self, name: str, cmd: list[str], **kwargs) -> None:
        log = open(self.dir / f"{name}.out", "w")
        self.procs[name] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True,
                                            **kwargs)
        log.close()

    def _wait(self, ready, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise SlurmStartError(f"{name} exited with {proc.returncode}\n{self.logs()}")
            if ready():
                return
            time.sleep(0.2)
        raise SlurmStartError(f"{what} within {timeout:.0f} s\n{self.logs()}")

    def _node_idle(self) -> bool:
        out = subprocess.run(["sinfo", "-h", "-N", "-o", "%t"], capture_output=True, text=True)
        return out.returncode == 0 and out.stdout.split() and all(
            s.rstrip("*") == "idle" for s in out.stdout.split())

    def stop(self) -> None:
        """Cancel jobs left over, stop the daemons (by pid), remove every file written."""
        if "slurmctld" in self.procs and self.procs["slurmctld"].poll() is None:
            subprocess.run(["scancel", "--full", "--user", "root"], capture_output=True,
                           timeout=10)
            deadline = time.monotonic() + 30  # let the job steps end before slurmd does
            while time.monotonic() < deadline and subprocess.run(
                    ["squeue", "--noheader", "--states=PENDING,RUNNING,COMPLETING"],
                    capture_output=True, text=True).stdout.strip():
                time.sleep(0.5)
        for name in ("slurmd", "slurmctld", "munged"):  # reverse start order
            proc = self.procs.get(name)
            if proc is None or proc.poll() is not None:
                continue
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        for path in self._wrote:
            if path.exists() and _ours(path):
                path.unlink()
        self._wrote = []
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    # -- configuration ---------------------------------------------------------------
    node = "ci"

    def _write_conf(self) -> None:
        d = self.dir
        host = socket.gethostname().split(".")[0]
        conf = f"""{MARKER}
ClusterName=dltheory-ci
SlurmctldHost={host}(127.0.0.1)
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={self.socket}
StateSaveLocation={d / 'state'}
SlurmdSpoolDir={d / 'spool'}
SlurmctldPidFile={d / 'slurmctld.pid'}
SlurmdPidFile={d / 'slurmd.pid'}
SlurmctldLogFile={d / 'slurmctld.log'}
SlurmdLogFile={d / 'slurmd.log'}
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SlurmdParameters=config_overrides
MinJobAge=600
GresTypes=gpu
NodeName={self.node} NodeAddr=127.0.0.1 NodeHostname={host} CPUs={self.cpus} RealMemory={self.mem_mb} Gres=gpu:2 State=UNKNOWN
PartitionName=cpu Nodes={self.node} Default=YES MaxTime=INFINITE State=UP
PartitionName=gpu Nodes={self.node} MaxTime=INFINITE State=UP
"""
        CONF.parent.mkdir(parents=True, exist_ok=True)
        for path, text in ((CONF, conf), (GRES, f"{MARKER}\nName=gpu File=/dev/null\nName=gpu File=/dev/zero\n")):
            self._wrote.append(path)
            path.write_text(text)

    # -- diagnostics -----------------------------------------------------------------
    def logs(self, tail: int = 30) -> str:
        """The last lines of every daemon log, for failure messages."""
        if self.dir is None:
            return ""
        parts = []
        for path in sorted(self.dir.glob("*.log")) + sorted(self.dir.glob("*.out")) + \
                sorted((self.dir / "munge").glob("*.log")):
            lines = path.read_text(errors="replace").splitlines()[-tail:]
            parts.append(f"--- {path.name}\n" + "\n".join(lines))
        return "\n".join(parts)
