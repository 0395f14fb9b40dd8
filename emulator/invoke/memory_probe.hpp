#pragma once
// "Max Memory Used" for REPORT lines, measured from /proc: the peak resident set of the runtime
// process (VmHWM) plus the current resident set of the processes it started.

#include <cstdint>

namespace lemu::invoke {

// Kilobytes; 0 when the process is gone or /proc is unavailable.
std::uint64_t process_tree_memory_kb(int pid);

}  // namespace lemu::invoke
