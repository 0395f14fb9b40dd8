"""Process memory from /proc/PID/status, as every benchmark here reports it (shared by the bench scripts)."""


def status_kib(pid, field="VmRSS"):
    """`field` (VmRSS, VmHWM, ...) of process `pid` in KiB; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
