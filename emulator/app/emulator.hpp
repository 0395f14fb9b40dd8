#pragma once
// The in-process API (DESIGN.md §12): a test starts the same server `lemu up` runs, on an ephemeral
// port inside its own process, talks to endpoint(), and stops it. No Boost header leaks from here.

#include <memory>
#include <string>

#include "emulator/app/config.hpp"
#include "emulator/app/invoke_output.hpp"

namespace lemu {

class Emulator {
public:
    Emulator();
    ~Emulator();  // calls stop()
    Emulator(const Emulator&) = delete;
    Emulator& operator=(const Emulator&) = delete;

    // Binds the listener, starts the I/O threads and applies the config's resources.
    // Throws std::runtime_error (or std::system_error) when it cannot.
    void start(const Config& config);
    // http://HOST:PORT of the edge port, valid after start().
    std::string endpoint() const;
    std::uint16_t port() const;
    // Invokes a function synchronously through the same Invoker as the Invoke operation and waits for
    // its answer. `function` is a name or an ARN, optionally with ":qualifier"; `qualifier` ("$LATEST",
    // a version or an alias; empty: none) is the Invoke's Qualifier. The payload is the event (empty
    // arrives as {}). A failing function is data (InvokeOutput::function_error); a failing call throws
    // lemu::AwsError (emulator/core/aws_error.hpp), e.g. ResourceNotFoundException or
    // TooManyRequestsException. Call after start(), from any thread except lemu's own I/O threads.
    InvokeOutput invoke(const std::string& function, const std::string& payload);
    InvokeOutput invoke(const std::string& function, const std::string& qualifier, const std::string& payload);
    // Blocks until SIGINT or SIGTERM arrives or stop() is called from another thread.
    void wait_for_shutdown_signal();
    // Stops accepting, ends running work and joins the threads. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lemu
