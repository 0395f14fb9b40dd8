#pragma once
// The in-process API (DESIGN.md §12): a test starts the same server `lemu up` runs, on an ephemeral
// port inside its own process, talks to endpoint(), and stops it. No Boost header leaks from here.

#include <memory>
#include <string>

#include "emulator/app/config.hpp"

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
    // Blocks until SIGINT or SIGTERM arrives or stop() is called from another thread.
    void wait_for_shutdown_signal();
    // Stops accepting, ends running work and joins the threads. Idempotent.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace lemu
