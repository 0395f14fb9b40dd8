#include "emulator/app/emulator.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>

#include <algorithm>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>
#include <vector>

#include "emulator/app/config_apply.hpp"
#include "emulator/app/sync_invoke.hpp"
#include "emulator/app/wire.hpp"
#include "emulator/core/log.hpp"

namespace lemu {

namespace asio = boost::asio;

struct Emulator::Impl {
    std::unique_ptr<Services> services;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::vector<std::thread> threads;
    std::uint16_t port = 0;
    std::string host;
    std::mutex mutex;
    std::condition_variable stopped_cv;
    bool stopped = false;
};

Emulator::Emulator() : impl_(std::make_unique<Impl>()) {}

Emulator::~Emulator() { stop(); }

void Emulator::start(const Config& config) {
    log::setup(config.server.log_level);
    impl_->services = wire(config);
    Services& s = *impl_->services;
    impl_->host = config.server.host;
    impl_->port = s.server->listen(config.server.host, config.server.port);
    s.on_listening(endpoint());
    impl_->work.emplace(s.io.get_executor());
    unsigned threads = config.server.io_threads;
    if (threads == 0) {
        threads = std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
    }
    for (unsigned i = 0; i < threads; ++i) {
        impl_->threads.emplace_back([&io = s.io] { io.run(); });
    }
    try {
        apply_resources(config.resources, *s.dispatcher, s.io, config.server.home, !config.server.state_dir.empty());
    } catch (...) {
        stop();
        throw;
    }
}

std::string Emulator::endpoint() const {
    std::string host = impl_->host;
    if (host.find(':') != std::string::npos) {
        host = "[" + host + "]";
    }
    return "http://" + host + ":" + std::to_string(impl_->port);
}

std::uint16_t Emulator::port() const { return impl_->port; }

InvokeOutput Emulator::invoke(const std::string& function, const std::string& payload) {
    return invoke(function, std::string(), payload);
}

InvokeOutput Emulator::invoke(const std::string& function, const std::string& qualifier,
                              const std::string& payload) {
    if (!impl_->services) {
        throw std::logic_error("lemu::Emulator::invoke called before start()");
    }
    std::optional<std::string> q = qualifier.empty() ? std::nullopt : std::optional<std::string>(qualifier);
    return invoke_and_wait(*impl_->services, function, q, payload);
}

void Emulator::wait_for_shutdown_signal() {
    if (!impl_->services) {
        return;
    }
    asio::signal_set signals(impl_->services->io, SIGINT, SIGTERM);
    signals.async_wait([this](const boost::system::error_code& ec, int signal) {
        if (!ec) {
            log::get("lemu")->info("received signal {}, shutting down", signal);
            std::lock_guard lock(impl_->mutex);
            impl_->stopped = true;
            impl_->stopped_cv.notify_all();
        }
    });
    std::unique_lock lock(impl_->mutex);
    impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
    lock.unlock();
    boost::system::error_code ignored;
    signals.cancel(ignored);
}

void Emulator::stop() {
    if (!impl_ || !impl_->services) {
        return;
    }
    Services& s = *impl_->services;
    s.server->stop_accepting();
    s.stop();
    impl_->work.reset();
    s.io.stop();
    for (auto& t : impl_->threads) {
        if (t.joinable()) {
            t.join();
        }
    }
    impl_->threads.clear();
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stopped = true;
        impl_->stopped_cv.notify_all();
    }
    impl_->services.reset();
}

}  // namespace lemu
