#pragma once
// Execution environments per ExecutionSpec::pool_key() (function, version and revision), so two
// versions never share an environment and a new $LATEST revision never runs in an old one.
//   take_idle(): the most recently used idle environment (warm invokes keep hitting the same
//                process), or nullptr when the caller must spawn one;
//   release():   an environment whose invocation ended goes back to idle, unless it ended terminally
//                or its revision was superseded;
//   reap_idle(): stops environments idle for longer than idle_timeout (run by a timer).
// Thread-safe; environments are stopped outside the pool's lock.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "emulator/invoke/execution_environment.hpp"

namespace lemu::invoke {

class EnvironmentPool {
public:
    using Steady = std::chrono::steady_clock;

    EnvironmentPool(boost::asio::any_io_executor executor, std::chrono::milliseconds idle_timeout);
    ~EnvironmentPool();
    EnvironmentPool(const EnvironmentPool&) = delete;
    EnvironmentPool& operator=(const EnvironmentPool&) = delete;

    std::shared_ptr<ExecutionEnvironment> take_idle(const ExecutionSpec& spec);
    // A freshly spawned environment, busy with the invocation that caused it.
    void add_busy(const std::shared_ptr<ExecutionEnvironment>& environment);
    void release(const std::shared_ptr<ExecutionEnvironment>& environment);
    // Stops every idle environment idle since before `now - idle_timeout`; returns how many.
    std::size_t reap_idle(Steady::time_point now);
    // `function_name` (with `version` empty: every version of it) was deleted: its idle environments are
    // stopped now, its busy ones when their invocations end. Returns how many were stopped now.
    std::size_t retire(const std::string& function_name, const std::string& version);
    // Starts the periodic reaper on the executor.
    void start_reaper();
    // Stops every environment (shutdown); pending invocations fail with ServiceException.
    void stop_all();

    std::size_t size() const;
    std::size_t idle_count() const;
    // Environments (idle or busy) of one function version, for tests and reports.
    std::vector<std::shared_ptr<ExecutionEnvironment>> environments(const std::string& function_name) const;

private:
    struct Idle {
        std::shared_ptr<ExecutionEnvironment> environment;
        Steady::time_point since;
    };
    struct Pool {
        std::vector<Idle> idle;  // most recently released last
        std::vector<std::shared_ptr<ExecutionEnvironment>> busy;
    };
    // Retires idle environments of other revisions of the same function version; mutex_ held.
    void supersede_locked(const ExecutionSpec& spec,
                          std::vector<std::shared_ptr<ExecutionEnvironment>>& to_stop);
    void schedule_reap();

    boost::asio::any_io_executor executor_;
    std::chrono::milliseconds idle_timeout_;
    mutable std::mutex mutex_;
    std::map<std::string, Pool> pools_;             // by pool_key()
    std::map<std::string, std::string> revisions_;  // "function:version" -> current revision
    std::shared_ptr<boost::asio::steady_timer> reaper_;
    bool stopped_ = false;
};

}  // namespace lemu::invoke
