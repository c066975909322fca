"""The walls around a query worker: no network, bounded memory, a deep stack.

A worker evaluates whatever SPARQL the scanner let through; if the scanner were ever wrong about ``SERVICE``,
Oxigraph would call another server. So each worker, before it reads any query, installs a seccomp filter
(Linux, x86-64 and AArch64) that makes ``socket()`` fail with ``EACCES`` for every family but ``AF_UNIX``
and refuses ``io_uring_setup`` and every foreign system-call ABI. It needs no privilege: seccomp with
``no_new_privs`` works for root and for ordinary users alike, and lasts for the life of the process. On other
systems ``confine`` raises ``ServerError`` (the server does not start) unless asked to go without.

The worker's address space is capped with ``RLIMIT_AS`` (a query that builds huge strings fails to allocate and
the worker is replaced, instead of taking the machine's memory), and queries run on a thread with a large stack
so that deeply nested queries that get past the nesting check end as errors, not as a crash.

>>> sorted(SYSCALLS)
['aarch64', 'x86_64']
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct
import sys

from kg.errors import ServerError

# system call numbers: socket, io_uring_setup; and the audit architecture of each ABI
SYSCALLS = {"x86_64": (41, 425, 0xC000003E), "aarch64": (198, 425, 0xC00000B7)}
_X32 = 0x40000000  # x86-64 system calls with this bit set are the x32 ABI
_LD_W_ABS, _JEQ, _JGE, _RET = 0x20, 0x15, 0x35, 0x06
_ALLOW, _ERRNO, _KILL = 0x7FFF0000, 0x00050000, 0x80000000
_EACCES, _ENOSYS, _AF_UNIX = 13, 38, 1
_PR_SET_NO_NEW_PRIVS, _PR_SET_SECCOMP, _SECCOMP_MODE_FILTER = 38, 22, 2
#: The stack of the thread that runs queries, in bytes.
STACK_BYTES = 256 << 20


def _program(machine: str) -> list[tuple[int, int, int, int]]:
    """The BPF program: (code, jump if true, jump if false, k) for each instruction."""
    socket_nr, uring_nr, arch = SYSCALLS[machine]
    deny, refuse = (_RET, 0, 0, _ERRNO | _EACCES), (_RET, 0, 0, _ERRNO | _ENOSYS)
    allow = (_RET, 0, 0, _ALLOW)
    return [
        (_LD_W_ABS, 0, 0, 4),              # 0 the architecture
        (_JEQ, 1, 0, arch),                # 1 ours: go on; another ABI: kill
        (_RET, 0, 0, _KILL),               # 2
        (_LD_W_ABS, 0, 0, 0),              # 3 the system call number
        (_JGE, 6, 0, _X32),                # 4 x32 (or any number that high): refuse
        (_JEQ, 1, 0, socket_nr),           # 5 socket: look at its family
        (_JEQ, 4, 2, uring_nr),            # 6 io_uring_setup: refuse; anything else: allow
        (_LD_W_ABS, 0, 0, 16),             # 7 socket's first argument (low 32 bits): the family
        (_JEQ, 0, 1, _AF_UNIX),            # 8 AF_UNIX: allow, else deny
        allow,                             # 9
        deny,                              # 10
        refuse,                            # 11
    ]


def block_network(machine: str | None = None) -> None:
    """Make this process (and the threads it starts afterwards) unable to open network sockets, for good."""
    machine = machine or platform.machine().lower()
    machine = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    if not sys.platform.startswith("linux") or machine not in SYSCALLS:
        raise ServerError(f"cannot confine query workers on {sys.platform}/{machine}: the network sandbox "
                          "(seccomp) is only built for Linux on x86-64 and AArch64")
    code = _program(machine)
    raw = b"".join(struct.pack("=HBBI", *ins) for ins in code)
    buffer = ctypes.create_string_buffer(raw, len(raw))

    class Prog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = Prog(len(code), ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise ServerError(f"cannot confine a query worker: prctl(NO_NEW_PRIVS): {os.strerror(ctypes.get_errno())}")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) != 0:
        raise ServerError(f"cannot confine a query worker: seccomp: {os.strerror(ctypes.get_errno())}")


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (``RLIMIT_AS``); 0 leaves it as it is."""
    import resource

    if megabytes <= 0:
        return
    limit = megabytes << 20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def confine(memory_mb: int, network: bool = False) -> None:
    """Everything a worker does before it reads a query: no network (unless ``network``), memory capped."""
    if not network:
        block_network()
    limit_memory(memory_mb)


__all__ = ["STACK_BYTES", "SYSCALLS", "block_network", "confine", "limit_memory"]
