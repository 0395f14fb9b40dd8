#pragma once
// ProcessLauncher on Boost.Process v2 (DESIGN.md §7, Boost 1.81 specifics). Each child gets its own
// process group (setpgid in an on_exec_setup initializer), exactly the environment given, /dev/null as
// stdin and two pipes for stdout and stderr that are read line by line with bounded buffers.
//
// Forking happens against a private, never-run io_context, so the child's fork notification never
// touches the shared io_context (whose reactor locks other threads may hold at fork time, and whose
// descriptors the child would otherwise re-register before exec). The exit is awaited through the
// process's pidfd on the shared executor, queue-then-check (Process v2's own pidfd wait checks, then
// queues, and can miss an exit that lands in between under the edge-triggered reactor).

#include <boost/asio/any_io_executor.hpp>

#include <memory>

#include "emulator/invoke/process_launcher.hpp"

namespace lemu::invoke {

class BoostProcessLauncher final : public ProcessLauncher {
public:
    BoostProcessLauncher(boost::asio::any_io_executor executor, std::size_t max_line_bytes);
    ~BoostProcessLauncher() override;

    std::unique_ptr<ProcessHandle> launch(const ProcessSpec& spec, std::shared_ptr<OutputSink> sink,
                                          ExitCallback on_exit) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lemu::invoke
