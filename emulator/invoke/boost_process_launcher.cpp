#include "emulator/invoke/boost_process_launcher.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
// Before Process v2: default_launcher.hpp uses it without including it (Boost 1.81).
#include <boost/asio/detail/throw_error.hpp>
#include <boost/process/v2/environment.hpp>
#include <boost/process/v2/posix/default_launcher.hpp>
#include <boost/process/v2/process.hpp>
#include <boost/process/v2/start_dir.hpp>
#include <boost/process/v2/stdio.hpp>

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstring>
#include <mutex>

#include "emulator/core/log.hpp"
#include "emulator/invoke/line_splitter.hpp"

namespace lemu::invoke {

namespace asio = boost::asio;
namespace bp = boost::process::v2;

namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("process");
    return instance;
}

// Runs in the child between fork and exec: only async-signal-safe calls.
struct ChildSetup {
    bp::error_code on_exec_setup(bp::posix::default_launcher&, const bp::filesystem::path&,
                                 const char* const*) {
        // Its own process group, so kill(-pid) also reaches everything the runtime starts.
        if (::setpgid(0, 0) != 0) {
            return {errno, bp::system_category()};
        }
        // Dies with lemu's spawning thread instead of outliving a crashed lemu.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        sigset_t none;
        ::sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::signal(SIGPIPE, SIG_DFL);
        // No lemu descriptor (listeners, client connections) may leak into the runtime. Marking them
        // close-on-exec keeps the launcher's exec-error pipe working until exec.
        ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
        return {};
    }
};

// Reading budget of one drain, so a flooding process cannot monopolise an I/O thread.
constexpr std::size_t kDrainBudget = 1024 * 1024;

struct ProcessState : std::enable_shared_from_this<ProcessState> {
    using Strand = asio::strand<asio::any_io_executor>;

    ProcessState(const asio::any_io_executor& executor, int pid_, int pidfd_,
                 std::shared_ptr<OutputSink> sink_, ExitCallback on_exit_, std::size_t max_line)
        : pid(pid_),
          strand(asio::make_strand(executor)),
          pidfd(strand, pidfd_),
          sink(std::move(sink_)),
          on_exit(std::move(on_exit_)),
          pipes{Pipe{asio::posix::stream_descriptor(strand), LineSplitter(max_line)},
                Pipe{asio::posix::stream_descriptor(strand), LineSplitter(max_line)}} {}

    struct Pipe {
        asio::posix::stream_descriptor descriptor;  // touched only on the strand
        LineSplitter lines;
        int fd = -1;
        bool eof = false;
    };

    const int pid;
    Strand strand;
    asio::posix::stream_descriptor pidfd;  // readable once the process has ended; strand only
    bool exit_reported = false;            // strand only
    std::shared_ptr<OutputSink> sink;
    ExitCallback on_exit;
    std::mutex mutex;  // guards the pipes' reading state and `buffer`
    std::array<Pipe, 2> pipes;
    std::array<char, 64 * 1024> buffer{};

    static OutputStream stream_of(std::size_t index) {
        return index == 0 ? OutputStream::Stdout : OutputStream::Stderr;
    }

    // Reads what the pipe holds (up to `budget` bytes) into the sink; mutex held.
    void drain_locked(std::size_t index, std::size_t budget) {
        Pipe& pipe = pipes[index];
        auto emit = [this, index](std::string_view line) { sink->on_line(stream_of(index), line); };
        std::size_t total = 0;
        while (!pipe.eof && total < budget) {
            ssize_t n = ::read(pipe.fd, buffer.data(), buffer.size());
            if (n > 0) {
                total += static_cast<std::size_t>(n);
                pipe.lines.feed(std::string_view(buffer.data(), static_cast<std::size_t>(n)), emit);
            } else if (n == 0) {
                pipe.eof = true;
                pipe.lines.finish(emit);
            } else if (errno == EINTR) {
                continue;
            } else {
                if (errno != EAGAIN && errno != EWOULDBLOCK) {
                    pipe.eof = true;
                    pipe.lines.finish(emit);
                }
                break;
            }
        }
    }

    bool drain(std::size_t index) {
        std::lock_guard lock(mutex);
        drain_locked(index, kDrainBudget);
        return pipes[index].eof;
    }

    // Waits for readability, then drains. Edge-triggered readiness is only reported for data that
    // arrives while a wait is queued, so each drain after queuing the next wait closes the gap.
    void watch(std::size_t index) {
        pipes[index].descriptor.async_wait(
            asio::posix::stream_descriptor::wait_read,
            asio::bind_executor(strand,
                                [self = shared_from_this(), index](const boost::system::error_code& ec) {
                                    if (ec) {
                                        return;
                                    }
                                    if (self->drain(index)) {
                                        self->close_pipe(index);
                                        return;
                                    }
                                    self->watch(index);
                                    if (self->drain(index)) {
                                        self->close_pipe(index);
                                    }
                                }));
    }

    void close_pipe(std::size_t index) {
        boost::system::error_code ignored;
        pipes[index].descriptor.close(ignored);  // cancels a queued wait
    }

    void start() {
        asio::post(strand, [self = shared_from_this()] {
            self->watch(0);
            self->watch(1);
            self->arm_exit_wait();
        });
    }

    // Same pattern as the pipes: queue the wait on the pidfd, then look, so an exit that happened
    // before the wait was queued is not missed.
    void arm_exit_wait() {
        pidfd.async_wait(
            asio::posix::stream_descriptor::wait_read,
            asio::bind_executor(strand, [self = shared_from_this()](const boost::system::error_code& ec) {
                if (!ec && !self->reap()) {
                    self->arm_exit_wait();
                }
            }));
        reap();
    }

    // On the strand. True once the exit has been reported.
    bool reap() {
        if (exit_reported) {
            return true;
        }
        int raw = 0;
        pid_t reaped = ::waitpid(pid, &raw, WNOHANG);
        if (reaped == 0 || (reaped < 0 && errno == EINTR)) {
            return false;
        }
        exit_reported = true;
        ExitStatus status;
        if (reaped < 0) {
            logger()->warn("waiting for pid {} failed: {}", pid, std::strerror(errno));
            status.exit_code = 0;
        } else if (WIFSIGNALED(raw)) {
            status.signal = WTERMSIG(raw);
        } else {
            status.exit_code = WEXITSTATUS(raw);
        }
        boost::system::error_code ignored;
        pidfd.close(ignored);
        if (on_exit) {
            on_exit(status);  // no lock held: the callback may call flush_output()
        }
        return true;
    }

    void flush() {
        std::lock_guard lock(mutex);
        drain_locked(0, kDrainBudget);
        drain_locked(1, kDrainBudget);
    }

    void shutdown() {
        asio::post(strand, [self = shared_from_this()] {
            self->close_pipe(0);
            self->close_pipe(1);
        });
    }
};

class BoostProcessHandle final : public ProcessHandle {
public:
    explicit BoostProcessHandle(std::shared_ptr<ProcessState> state) : state_(std::move(state)) {}
    ~BoostProcessHandle() override { state_->shutdown(); }

    int pid() const override { return state_->pid; }
    void kill_group() noexcept override {
        if (state_->pid > 0) {
            ::kill(-state_->pid, SIGKILL);
        }
    }
    void flush_output() override { state_->flush(); }

private:
    std::shared_ptr<ProcessState> state_;
};

struct PipeFds {
    int read = -1;
    int write = -1;
    ~PipeFds() {
        if (read >= 0) {
            ::close(read);
        }
        if (write >= 0) {
            ::close(write);
        }
    }
    void open() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw LaunchError(errno, "pipe2 failed");
        }
        read = fds[0];
        write = fds[1];
        // Only lemu's end is non-blocking; the runtime's stdout stays an ordinary blocking pipe.
        ::fcntl(read, F_SETFL, ::fcntl(read, F_GETFL) | O_NONBLOCK);
    }
    int release_read() { return std::exchange(read, -1); }
};

}  // namespace

struct BoostProcessLauncher::Impl {
    asio::any_io_executor executor;
    std::size_t max_line_bytes;
    std::mutex launch_mutex;
    asio::io_context fork_context;  // never run; see the header
};

BoostProcessLauncher::BoostProcessLauncher(asio::any_io_executor executor, std::size_t max_line_bytes)
    : impl_(std::make_unique<Impl>()) {
    impl_->executor = std::move(executor);
    impl_->max_line_bytes = max_line_bytes;
}

BoostProcessLauncher::~BoostProcessLauncher() = default;

std::unique_ptr<ProcessHandle> BoostProcessLauncher::launch(const ProcessSpec& spec,
                                                            std::shared_ptr<OutputSink> sink,
                                                            ExitCallback on_exit) {
    PipeFds out;
    PipeFds err;
    out.open();
    err.open();
    std::vector<std::string> environment;
    environment.reserve(spec.environment.size());
    for (const auto& [key, value] : spec.environment) {
        environment.push_back(key + "=" + value);
    }
    int pid = 0;
    {
        std::lock_guard lock(impl_->launch_mutex);
        bp::error_code ec;
        auto child = bp::default_process_launcher()(
            impl_->fork_context.get_executor(), ec, bp::filesystem::path(spec.executable.string()), spec.args,
            bp::process_stdio{nullptr, out.write, err.write}, bp::process_environment(environment),
            bp::process_start_dir(bp::filesystem::path(spec.working_dir.string())), ChildSetup{});
        if (ec) {
            throw LaunchError(ec.value(), ec.message());
        }
        pid = child.id();
        // Take the handle out so `child` neither kills nor waits when it goes; its pidfd on the
        // private context closes here, and the shared executor waits on its own pidfd below.
        auto detached = std::move(child.handle());
        (void)detached;
    }
    ::close(std::exchange(out.write, -1));
    ::close(std::exchange(err.write, -1));

    int pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
    if (pidfd < 0) {
        int error = errno;
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        throw LaunchError(error, "pidfd_open failed");
    }
    auto state = std::make_shared<ProcessState>(impl_->executor, pid, pidfd, std::move(sink),
                                                std::move(on_exit), impl_->max_line_bytes);
    state->pipes[0].fd = out.read;
    state->pipes[0].descriptor.assign(out.release_read());
    state->pipes[1].fd = err.read;
    state->pipes[1].descriptor.assign(err.release_read());
    state->start();
    logger()->debug("started pid {}: {}", pid, spec.executable.string());
    return std::make_unique<BoostProcessHandle>(std::move(state));
}

}  // namespace lemu::invoke
