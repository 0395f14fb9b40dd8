#pragma once
// Starting runtime processes (DESIGN.md §1.3: process spawning is a seam). A process runs in its own
// process group so a kill reaches its grandchildren; its stdout and stderr are read line by line into
// an OutputSink with bounded buffers; its environment is exactly the map given, nothing inherited.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::invoke {

struct ProcessSpec {
    std::filesystem::path executable;  // absolute; no PATH search
    std::vector<std::string> args;     // argv[1..]
    std::map<std::string, std::string> environment;
    std::filesystem::path working_dir;
};

// How the main process ended: exactly one of the two is set.
struct ExitStatus {
    std::optional<int> exit_code;
    std::optional<int> signal;
};

enum class OutputStream { Stdout, Stderr };

// Receives the process's output, one line at a time, without the trailing newline. Called from I/O
// threads and from ProcessHandle::flush_output(); implementations synchronise themselves and must
// never call back into the ProcessHandle.
class OutputSink {
public:
    virtual ~OutputSink() = default;
    virtual void on_line(OutputStream stream, std::string_view line) = 0;
};

using ExitCallback = std::function<void(ExitStatus)>;

class ProcessHandle {
public:
    virtual ~ProcessHandle() = default;
    virtual int pid() const = 0;
    // SIGKILL to the whole process group (the process and everything it started). Idempotent.
    virtual void kill_group() noexcept = 0;
    // Delivers to the sink, synchronously, every line the process has written so far, so a line printed
    // before a Runtime API call is logged before that call's effects. A partial last line stays pending.
    virtual void flush_output() = 0;
};

// Thrown by launch() when the process cannot be started; `error` is the errno of fork/exec/chdir.
class LaunchError : public std::runtime_error {
public:
    LaunchError(int error, const std::string& what) : std::runtime_error(what), error_(error) {}
    int error() const { return error_; }

private:
    int error_;
};

class ProcessLauncher {
public:
    virtual ~ProcessLauncher() = default;
    // Starts the process. `on_exit` runs once, on an I/O thread, after the main process was reaped.
    virtual std::unique_ptr<ProcessHandle> launch(const ProcessSpec& spec, std::shared_ptr<OutputSink> sink,
                                                  ExitCallback on_exit) = 0;
};

}  // namespace lemu::invoke
